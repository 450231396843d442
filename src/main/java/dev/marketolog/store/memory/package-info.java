/** The engine's store ports kept in memory: {@code simulate} and the tests use them. */
package dev.marketolog.store.memory;
