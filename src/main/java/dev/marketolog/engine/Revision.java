package dev.marketolog.engine;

import java.util.List;

/** The writer's word on an operator's text ({@link CommentWriter#revise}). */
public sealed interface Revision {

    /** Sendable exactly as given. */
    record Accepted(String text) implements Revision {}

    /**
     * Sendable only as {@code text}, which differs from what was given ({@code fixes}: snake_case codes of what was
     * changed, such as {@code link}); nothing goes out until the operator confirms it.
     */
    record Cleaned(String text, List<String> fixes) implements Revision {
        public Cleaned {
            fixes = List.copyOf(fixes);
        }
    }

    /** Not sendable; {@code reasons} are snake_case codes. */
    record Rejected(List<String> reasons) implements Revision {
        public Rejected {
            reasons = List.copyOf(reasons);
        }
    }
}
