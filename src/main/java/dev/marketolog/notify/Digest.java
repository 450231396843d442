package dev.marketolog.notify;

import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.JournalEntry;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.SkipReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The daily digest: one message covering every account's last day (comments, skips by reason, failures). */
final class Digest {

    private Digest() {}

    /**
     * One account's day.
     *
     * @param comments sent (or, with DRY_RUN, journaled) comments
     * @param failures sends Telegram refused or that may not have arrived
     */
    record AccountDay(String account, long comments, long failures, Map<SkipReason, Long> skips) {
        AccountDay {
            skips = Map.copyOf(skips);
        }

        /** Counts the account's journal rows of the day and takes its skips. */
        static AccountDay of(String account, List<JournalEntry> rows, Map<SkipReason, Long> skips) {
            long comments = rows.stream().filter(r -> r.status() == CommentStatus.SENT || r.status() == CommentStatus.DRY_RUN).count();
            long failures = rows.stream().filter(r -> r.status() == CommentStatus.FAILED || r.status() == CommentStatus.UNKNOWN).count();
            return new AccountDay(account, comments, failures, skips);
        }
    }

    /** The digest of {@code day} (local in {@code zone}); its key makes it one a day whoever writes it. */
    static Notification of(LocalDate day, ZoneId zone, List<AccountDay> accounts, Instant at) {
        List<String> lines = new ArrayList<>();
        lines.add("The 24 hours before " + day + " " + at.atZone(zone).toLocalTime().withSecond(0).withNano(0) + " (" + zone.getId() + "):");
        for (AccountDay a : accounts) {
            lines.add(a.account() + ": " + a.comments() + " comments, " + a.failures() + " failures, skipped: " + skips(a.skips()));
        }
        return Notification.now("digest:" + day, Notification.Kind.DIGEST, Optional.empty(), String.join("\n", lines), at);
    }

    /** {@code daily_limit 3, outside_active_windows 40}, most first; {@code none} without any. */
    private static String skips(Map<SkipReason, Long> skips) {
        if (skips.isEmpty()) {
            return "none";
        }
        return skips.entrySet().stream()
                .sorted(Map.Entry.<SkipReason, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey().code() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
