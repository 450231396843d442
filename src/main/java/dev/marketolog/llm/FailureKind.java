package dev.marketolog.llm;

/** Why a request to the LLM server failed; {@link #code()} is the {@code outcome} tag of {@code llm_requests_total}. */
public enum FailureKind {
    /** No answer within LLM_TIMEOUT_SECONDS. Retried. */
    TIMEOUT("timeout", true),
    /** The server could not be reached or dropped the connection. Retried. */
    CONNECTION("connection", true),
    /** 429. Retried after Retry-After. */
    RATE_LIMITED("rate_limited", true),
    /** 5xx. Retried. */
    SERVER_ERROR("server_error", true),
    /** Any other 4xx: the request itself is wrong (model name, key). Not retried. */
    CLIENT_ERROR("client_error", false),
    /** 2xx whose body is not a chat completion: bad JSON, no choices, no content. Not retried. */
    MALFORMED("malformed", false),
    /** The calling thread was interrupted (shutdown). Not retried. */
    INTERRUPTED("interrupted", false);

    private final String code;
    private final boolean retryable;

    FailureKind(String code, boolean retryable) {
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
