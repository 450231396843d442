package dev.marketolog.llm;

/**
 * A request that ended without a usable answer, after the retries it deserved.
 *
 * @param kind what went wrong
 * @param status the HTTP status of the last answer, 0 when there was none
 * @param message the server's error message or a description of the failure, never containing the API key
 */
public record LlmFailure(FailureKind kind, int status, String message) implements ChatOutcome, ModelsOutcome {
    /** A short line for logs and {@code WriteResult.Unavailable}. */
    public String describe() {
        return kind.code() + (status > 0 ? " " + status : "") + (message.isEmpty() ? "" : ": " + message);
    }
}
