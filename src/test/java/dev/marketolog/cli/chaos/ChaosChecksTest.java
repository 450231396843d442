package dev.marketolog.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.cli.chaos.ChaosChecks.JournalRow;
import dev.marketolog.cli.sandbox.ReceivedComment;
import dev.marketolog.cli.sandbox.Refusal;
import dev.marketolog.telegram.sandbox.WireError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chaos run's verdict finds each kind of fault it is there to find, and none in a clean record. */
class ChaosChecksTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final AccountLimits LIMITS = new AccountLimits(3, 4, Duration.ofSeconds(60), Duration.ofSeconds(600));
    private static final Map<String, AccountLimits> ACCOUNTS = Map.of("a", LIMITS, "b", LIMITS);

    @Test
    void aCleanRecordHasNoFindings() {
        List<ReceivedComment> received = List.of(comment("a", 1, 10, 0), comment("a", 2, 20, 120), comment("b", 3, 30, 0));

        ChaosChecks.Verdict verdict = check(received, List.of(), journal(received));

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.doubled()).isEmpty();
    }

    @Test
    void findsTwoAccountsUnderOnePostAndOneAccountTwice() {
        List<ReceivedComment> received = List.of(comment("a", 1, 10, 0), comment("b", 1, 10, 5), comment("a", 1, 10, 300));

        assertThat(check(received, List.of(), journal(received)).violations())
                .anyMatch(finding -> finding.contains("more than 1 accounts"))
                .anyMatch(finding -> finding.contains("twice"));
    }

    @Test
    void findsTheHourlyCapTheDailyCapAndTheIntervals() {
        List<ReceivedComment> hourly = List.of(comment("a", 1, 1, 0), comment("a", 2, 2, 100), comment("a", 3, 3, 200), comment("a", 4, 4, 300));
        List<ReceivedComment> daily = List.of(comment("a", 1, 1, 0), comment("a", 2, 2, 4000), comment("a", 3, 3, 8000),
                comment("a", 4, 4, 12000), comment("a", 5, 5, 16000));
        List<ReceivedComment> close = List.of(comment("a", 1, 1, 0), comment("a", 1, 2, 30));

        assertThat(check(hourly, List.of(), journal(hourly)).violations()).anyMatch(finding -> finding.contains("MESSAGES_PER_HOUR=3"));
        assertThat(check(daily, List.of(), journal(daily)).violations()).anyMatch(finding -> finding.contains("MESSAGES_PER_DAY=4"));
        assertThat(check(close, List.of(), journal(close)).violations())
                .anyMatch(finding -> finding.contains("min interval"))
                .anyMatch(finding -> finding.contains("per-chat interval"));
    }

    @Test
    void findsACommentAfterARefusedChannelAndDuringAFloodWait() {
        List<ReceivedComment> received = List.of(comment("a", 1, 10, 100), comment("b", 2, 20, 100));
        List<Refusal> refusals = List.of(
                new Refusal("a", 1, 9, T0, new WireError("channel_closed", "CHAT_WRITE_FORBIDDEN", null, null), "i"),
                new Refusal("b", 3, 9, T0.plusSeconds(50), new WireError("flood_wait", null, 120L, null), "i"));

        assertThat(check(received, refusals, journal(received)).violations())
                .anyMatch(finding -> finding.contains("after it was refused"))
                .anyMatch(finding -> finding.contains("during the flood wait"));
    }

    @Test
    void aReceivedCommentWithoutSentOrUnknownRowIsLostAndASentRowTheWorldNeverGotIsDoubled() {
        List<ReceivedComment> received = List.of(comment("a", 1, 10, 0));
        List<JournalRow> journal = List.of(new JournalRow("a", 1, 10, "released"), new JournalRow("b", 2, 20, "sent"),
                new JournalRow("b", 3, 30, "unknown"));

        ChaosChecks.Verdict verdict = check(received, List.of(), journal);

        assertThat(verdict.lost()).containsExactly("a on post 1/10");
        assertThat(verdict.doubled()).containsExactly("b on post 2/20");
    }

    private static ChaosChecks.Verdict check(List<ReceivedComment> received, List<Refusal> refusals, List<JournalRow> journal) {
        return ChaosChecks.check(received, refusals, journal, ACCOUNTS, 1);
    }

    private static List<JournalRow> journal(List<ReceivedComment> received) {
        return received.stream().map(c -> new JournalRow(c.account(), c.channelId(), c.postId(), "sent")).toList();
    }

    private static ReceivedComment comment(String account, long channel, long post, long secondsAfterT0) {
        return new ReceivedComment(account, channel, post, channel * 10, post * 100, T0.plusSeconds(secondsAfterT0), "text", "i");
    }
}
