package dev.marketolog.web.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Requests to the console over real HTTP, with or without a bearer token. */
public record ConsoleHttp(int port, Optional<String> token) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static ConsoleHttp withToken(int port, String token) {
        return new ConsoleHttp(port, Optional.of(token));
    }

    public static ConsoleHttp anonymous(int port) {
        return new ConsoleHttp(port, Optional.empty());
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, Optional.empty());
    }

    /** {@code method} with a JSON body. */
    public HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, Optional.of(json));
    }

    private HttpResponse<String> send(String method, String path, Optional<String> json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        json.ifPresent(body -> request.header("Content-Type", "application/json"));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
