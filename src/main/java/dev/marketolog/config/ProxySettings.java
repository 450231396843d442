package dev.marketolog.config;

import java.util.Optional;

/** TG_PROXY_*: a SOCKS5 proxy the account's TDLib client connects through. */
public record ProxySettings(String host, int port, Optional<String> user, Secret password) {}
