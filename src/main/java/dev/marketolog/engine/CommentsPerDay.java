package dev.marketolog.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** How many comments each account sent per day, for the console's chart. Implementations are thread-safe. */
public interface CommentsPerDay {

    /** The comments of {@code accounts} sent at or after {@code from}, counted per account and UTC day; days without any are absent. */
    List<DayCount> since(Collection<String> accounts, Instant from);

    /** {@code comments} sent by {@code account} on the UTC day {@code day}. */
    record DayCount(String account, LocalDate day, int comments) {
        public DayCount {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(day, "day");
        }
    }
}
