package dev.marketolog.llm;

import java.util.List;

/** What {@link CommentPolish} made of a raw answer. */
public sealed interface PolishResult {

    List<PolishCode> fixes();

    /** The text to send; {@code fixes} are what soft mode changed to get it. */
    record Accepted(String text, List<PolishCode> fixes) implements PolishResult {
        public Accepted {
            fixes = List.copyOf(fixes);
        }
    }

    /** Not sendable: {@code reasons} say why, {@code fixes} what soft mode had changed before giving up. */
    record Rejected(List<PolishCode> reasons, List<PolishCode> fixes) implements PolishResult {
        public Rejected {
            reasons = List.copyOf(reasons);
            fixes = List.copyOf(fixes);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }

        /** The model chose not to comment: not a bad draft, asking again is pointless. */
        public boolean skipped() {
            return reasons.contains(PolishCode.SKIP);
        }
    }
}
