/** The HTTP shell: {@code /health} and {@code /metrics} on Javalin, built by {@link dev.marketolog.web.WebServer#start}. */
package dev.marketolog.web;
