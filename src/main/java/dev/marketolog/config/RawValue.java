package dev.marketolog.config;

/** A setting's value as written, and where: {@code file:line} or {@code environment}. */
record RawValue(String text, String source) {}
