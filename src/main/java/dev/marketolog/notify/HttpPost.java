package dev.marketolog.notify;

import dev.marketolog.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One POST to a sink's service, answered 2xx or thrown as a {@link SinkException}. The URL carries the sink's secret
 * (a webhook's path, the bot token), so no failure text ever holds the URL or any part of {@code secret}.
 */
record HttpPost(HttpClient http, Secret secret) {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The most of an error answer kept for the record. */
    private static final int ANSWER_CHARS = 200;

    void send(URI uri, String contentType, Map<String, String> headers, String body) throws SinkException {
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            // the client's messages may quote the URL, and with it the secret
            throw new SinkException(secret.hideIn("no answer: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            String answer = MessageText.cut(response.body().strip(), ANSWER_CHARS);
            throw new SinkException(secret.hideIn("answered " + response.statusCode() + ": " + answer));
        }
    }
}
