package dev.marketolog.llm;

/** Token counts the server reported in {@code usage}. */
public record Usage(long promptTokens, long completionTokens) {}
