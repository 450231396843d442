/** The commands of {@code marketolog} and the wiring that picks adapters from configuration. */
package dev.marketolog.cli;
