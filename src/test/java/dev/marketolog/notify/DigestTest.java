package dev.marketolog.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.JournalEntry;
import dev.marketolog.engine.Notification;
import dev.marketolog.engine.SkipReason;
import dev.marketolog.telegram.PostKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Instant AT = Instant.parse("2026-12-03T06:00:00Z"); // 09:00 in Moscow

    @Test
    void oneMessageCoversEveryAccountWithCommentsFailuresAndSkipsByReason() {
        Digest.AccountDay bot1 = Digest.AccountDay.of("bot1", List.of(
                row(CommentStatus.SENT), row(CommentStatus.SENT), row(CommentStatus.DRY_RUN),
                row(CommentStatus.FAILED), row(CommentStatus.UNKNOWN), row(CommentStatus.RESERVED)),
                Map.of(SkipReason.OUTSIDE_ACTIVE_WINDOWS, 40L, SkipReason.DAILY_LIMIT, 3L, SkipReason.CHAT_INTERVAL, 3L));
        Digest.AccountDay bot2 = Digest.AccountDay.of("bot2", List.of(), Map.of());

        Notification digest = Digest.of(LocalDate.of(2026, 12, 3), MOSCOW, List.of(bot1, bot2), AT);

        assertThat(digest.kind()).isEqualTo(Notification.Kind.DIGEST);
        assertThat(digest.key()).isEqualTo("digest:2026-12-03");
        assertThat(digest.account()).isEmpty();
        assertThat(digest.text()).isEqualTo("""
                The 24 hours before 2026-12-03 09:00 (Europe/Moscow):
                bot1: 3 comments, 2 failures, skipped: outside_active_windows 40, daily_limit 3, chat_interval 3
                bot2: 0 comments, 0 failures, skipped: none""");
    }

    @Test
    void theDigestIsDueOnceADayWithinItsLocalHour() {
        Notifier.DigestClock clock = new Notifier.DigestClock(9, MOSCOW);

        assertThat(clock.due(Instant.parse("2026-12-03T05:59:00Z"))).isEmpty();
        assertThat(clock.due(AT)).contains(LocalDate.of(2026, 12, 3));
        assertThat(clock.due(AT.plusSeconds(1))).contains(LocalDate.of(2026, 12, 3)); // not written yet: still due
        clock.written(LocalDate.of(2026, 12, 3));
        assertThat(clock.due(AT.plusSeconds(60))).isEmpty();
        assertThat(clock.due(Instant.parse("2026-12-04T07:00:00Z"))).as("10:00 the next day, past the hour").isEmpty();
        assertThat(clock.due(Instant.parse("2026-12-03T21:00:00Z"))).isEmpty(); // the next local day, before its hour
        assertThat(clock.due(Instant.parse("2026-12-04T06:30:00Z"))).contains(LocalDate.of(2026, 12, 4));
    }

    private static JournalEntry row(CommentStatus status) {
        return new JournalEntry(new PostKey(-1001, 1), Branch.INSTANT, status, AT);
    }
}
