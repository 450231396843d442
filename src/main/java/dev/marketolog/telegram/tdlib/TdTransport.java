package dev.marketolog.telegram.tdlib;

/** The four calls the client makes into TDLib; the seam where tests script what {@code td_receive} returns. */
public interface TdTransport {

    int createClientId();

    void send(int clientId, String request);

    /** The next JSON TDLib has for any client, or null after {@code timeoutSeconds} without one. */
    String receive(double timeoutSeconds);

    String execute(String request);
}
