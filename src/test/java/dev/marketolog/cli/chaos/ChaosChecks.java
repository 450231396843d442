package dev.marketolog.cli.chaos;

import dev.marketolog.cli.sandbox.ReceivedComment;
import dev.marketolog.cli.sandbox.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The end-of-run checks, pure: the sandbox's record (what reached the world, what it refused) against the journal's
 * rows and the accounts' limits.
 */
public final class ChaosChecks {

    /**
     * Sandbox times are when a comment arrived, the gate counts when it reserved the slot; a send may take this much
     * longer than the one before it (a loaded machine, a restart in between), so intervals and windows allow for it.
     */
    static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

    /** One row of the {@code comment} table. */
    public record JournalRow(String account, long channelId, long postId, String status) {}

    /** What the checks found; all empty in a correct run. */
    public record Verdict(List<String> violations, List<String> lost, List<String> doubled) {}

    private ChaosChecks() {}

    public static Verdict check(List<ReceivedComment> received, List<Refusal> refusals, List<JournalRow> journal,
            Map<String, AccountLimits> limits, int fleetMaxAccountsPerPost) {
        List<String> violations = new ArrayList<>();
        perPost(received, fleetMaxAccountsPerPost, violations);
        received.stream().collect(Collectors.groupingBy(ReceivedComment::account)).forEach((account, comments) -> {
            AccountLimits limit = limits.get(account);
            if (limit == null) {
                violations.add("a comment from " + account + ", which is none of our accounts");
                return;
            }
            List<ReceivedComment> sorted = comments.stream().sorted(Comparator.comparing(ReceivedComment::at)).toList();
            paced(account, sorted, limit, violations);
        });
        afterRefusals(received, refusals, violations);

        Set<String> journaled = journal.stream()
                .filter(row -> row.status().equals("sent") || row.status().equals("unknown"))
                .map(row -> key(row.account(), row.channelId(), row.postId()))
                .collect(Collectors.toSet());
        Set<String> arrived = received.stream().map(c -> key(c.account(), c.channelId(), c.postId())).collect(Collectors.toSet());
        List<String> lost = arrived.stream().filter(k -> !journaled.contains(k)).sorted().toList();
        List<String> doubled = journal.stream()
                .filter(row -> row.status().equals("sent"))
                .map(row -> key(row.account(), row.channelId(), row.postId()))
                .filter(k -> !arrived.contains(k))
                .sorted()
                .toList();
        return new Verdict(violations, lost, doubled);
    }

    private static void perPost(List<ReceivedComment> received, int fleetMax, List<String> violations) {
        received.stream()
                .collect(Collectors.groupingBy(c -> c.channelId() + "/" + c.postId()))
                .forEach((post, comments) -> {
                    Set<String> accounts = new HashSet<>();
                    for (ReceivedComment comment : comments) {
                        if (!accounts.add(comment.account())) {
                            violations.add(comment.account() + " commented post " + post + " twice");
                        }
                    }
                    if (accounts.size() > fleetMax) {
                        violations.add("post " + post + " has comments of " + accounts + ", more than " + fleetMax + " accounts");
                    }
                });
    }

    private static void paced(String account, List<ReceivedComment> sorted, AccountLimits limit, List<String> violations) {
        for (int i = 0; i < sorted.size(); i++) {
            Instant at = sorted.get(i).at();
            Instant hourEnd = at.plus(Duration.ofHours(1)).minus(CLOCK_SLACK);
            long inHour = sorted.stream().filter(c -> !c.at().isBefore(at) && c.at().isBefore(hourEnd)).count();
            if (inHour > limit.perHour()) {
                violations.add(account + ": " + inHour + " comments in the hour from " + at + ", MESSAGES_PER_HOUR=" + limit.perHour());
            }
            if (i > 0) {
                Duration gap = Duration.between(sorted.get(i - 1).at(), at);
                if (gap.plus(CLOCK_SLACK).compareTo(limit.minInterval()) < 0) {
                    violations.add(account + ": comments " + gap.toMillis() + " ms apart at " + at + ", min interval " + limit.minInterval());
                }
            }
            for (int j = 0; j < i; j++) {
                ReceivedComment earlier = sorted.get(j);
                if (earlier.channelId() == sorted.get(i).channelId()
                        && Duration.between(earlier.at(), at).plus(CLOCK_SLACK).compareTo(limit.minIntervalPerChat()) < 0) {
                    violations.add(account + ": two comments in channel " + earlier.channelId() + " at " + earlier.at() + " and " + at
                            + ", per-chat interval " + limit.minIntervalPerChat());
                }
            }
        }
        // the accounts run in UTC (TIMEZONE=UTC), so a local day is a UTC date
        sorted.stream().collect(Collectors.groupingBy(c -> LocalDate.ofInstant(c.at(), ZoneOffset.UTC), Collectors.counting()))
                .forEach((day, count) -> {
                    if (count > limit.perDay()) {
                        violations.add(account + ": " + count + " comments on " + day + ", MESSAGES_PER_DAY=" + limit.perDay());
                    }
                });
    }

    /** Nothing reached a channel after the world said it is closed to the account, or while a flood wait it asked for ran. */
    private static void afterRefusals(List<ReceivedComment> received, List<Refusal> refusals, List<String> violations) {
        for (Refusal refusal : refusals) {
            for (ReceivedComment comment : received) {
                if (!comment.account().equals(refusal.account()) || !comment.at().isAfter(refusal.at())) {
                    continue;
                }
                switch (refusal.error().type()) {
                    case "channel_closed" -> {
                        if (comment.channelId() == refusal.channelId()) {
                            violations.add(comment.account() + " commented channel " + comment.channelId() + " at " + comment.at()
                                    + " after it was refused at " + refusal.at());
                        }
                    }
                    case "flood_wait" -> {
                        if (comment.at().isBefore(refusal.at().plusSeconds(refusal.error().seconds()))) {
                            violations.add(comment.account() + " commented at " + comment.at() + " during the flood wait of "
                                    + refusal.error().seconds() + " s asked for at " + refusal.at());
                        }
                    }
                    default -> {
                        // other refusals set no wait the world checks
                    }
                }
            }
        }
    }

    private static String key(String account, long channelId, long postId) {
        return account + " on post " + channelId + "/" + postId;
    }
}
