/**
 * The cache port: a small string cache that never throws. The LLM writer keeps generated texts in it and /health shows
 * its state; {@code store/} implements it with Redis or Caffeine. It is a core port of its own, like {@code telegram/},
 * so that the adapters using it ({@code llm/}, {@code web/}) need not import the adapter that implements it; it is not
 * in {@code engine/} because the engine never uses a cache.
 */
package dev.marketolog.cache;
