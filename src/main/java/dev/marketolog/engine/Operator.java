package dev.marketolog.engine;

/**
 * Who acted on a draft, as the console knows them: a name (or the token's label) and the address the request came from.
 */
public record Operator(String name, String address) {
    public Operator {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an operator needs a name");
        }
        address = address == null ? "" : address;
    }
}
