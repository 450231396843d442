package dev.marketolog.config;

/** One {@code KEY=value} of an env file, value unquoted and unescaped, with the line it starts on. */
record EnvEntry(String key, String value, int line) {}
