package dev.marketolog.web;

/**
 * An account's Telegram session as {@code /health} shows it, in TDLib's words.
 *
 * @param authorization the authorization state: {@code ready}, {@code waitPhoneNumber}, {@code closed}, ...
 * @param connection the connection state: {@code ready}, {@code connecting}, {@code waitingForNetwork}, ...
 */
public record TelegramSession(String authorization, String connection) {}
