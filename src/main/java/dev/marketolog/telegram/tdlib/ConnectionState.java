package dev.marketolog.telegram.tdlib;

/** TDLib's connection states (updateConnectionState). */
public sealed interface ConnectionState {
    record ConnectionStateWaitingForNetwork() implements ConnectionState {}

    record ConnectionStateConnectingToProxy() implements ConnectionState {}

    record ConnectionStateConnecting() implements ConnectionState {}

    record ConnectionStateUpdating() implements ConnectionState {}

    record ConnectionStateReady() implements ConnectionState {}

    /** A short name for /health: {@code waitingForNetwork}, {@code ready}, ... */
    default String label() {
        return TdJsonMapper.label(this, ConnectionState.class);
    }
}
