package dev.marketolog.config;

/** LOG_FORMAT. */
public enum LogFormat { TEXT, JSON }
