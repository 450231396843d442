package dev.marketolog.llm;

/** A prompt template file that cannot be read or uses a placeholder that does not exist; the message names the file. */
public final class PromptTemplateException extends RuntimeException {
    public PromptTemplateException(String message) {
        super(message);
    }

    public PromptTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
