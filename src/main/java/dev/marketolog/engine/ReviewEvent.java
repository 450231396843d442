package dev.marketolog.engine;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One step in a draft's history: the texts it had and who did what, kept with the journal row.
 *
 * @param text the draft's text after this step, where the step set one (drafted, edited, regenerated, sent)
 * @param by the operator, for an operator's step
 * @param note why, where the engine decided (the reason a draft expired)
 */
public record ReviewEvent(Instant at, Kind kind, Optional<String> text, Optional<Operator> by, Optional<String> note) {

    public enum Kind {
        DRAFTED, EDITED, REGENERATED, APPROVED, REJECTED, EXPIRED, SENT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
