package dev.marketolog.config;

/** Turns one raw setting value into a typed one, or says what was expected. */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String raw) throws InvalidValueException;
}
