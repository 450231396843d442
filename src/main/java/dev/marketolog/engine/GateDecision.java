package dev.marketolog.engine;

import java.time.Instant;
import java.util.Optional;

/** The {@link SendGate}'s answer. */
public sealed interface GateDecision {

    Allowed ALLOWED = new Allowed();

    /** The comment may go now. */
    record Allowed() implements GateDecision {}

    /**
     * Not now: {@code retryAt} is the earliest instant worth asking again, empty when never (for this post or channel).
     */
    record Denied(SkipReason reason, Optional<Instant> retryAt) implements GateDecision {}

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
