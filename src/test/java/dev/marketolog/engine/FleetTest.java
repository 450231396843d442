package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.SpamGuardSettings;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.TelegramError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;
    private static final long OTHER_CHANNEL = -1002L;

    private final VirtualClock clock = new VirtualClock(START);
    private final EngineStores stores = InMemoryStores.create();
    private final List<EngineEvent> events = new ArrayList<>();
    private final Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new SplittableRandom(7), events::add);

    private ScriptedTelegram runs(AccountSettings settings, CommentWriter writer) {
        ScriptedTelegram telegram = new ScriptedTelegram(clock, settings.allowlist());
        fleet.add(settings, telegram, writer);
        return telegram;
    }

    private void advance(Duration duration) {
        clock.runUntil(clock.instant().plus(duration));
    }

    /** Scheduler ticks would also find the post; these tests look at the instant branch alone, so ticks find no posts. */
    private static AccountSettings bot() {
        return TestAccounts.account("bot", List.of(CHANNEL, OTHER_CHANNEL));
    }

    @Test
    void newPostIsCommentedOnceAfterTheInstantDelay() {
        ScriptedTelegram telegram = runs(bot(), FixedWriter.writing());
        fleet.start();
        advance(Duration.ofSeconds(1));
        Instant published = clock.instant();
        telegram.publish(CHANNEL, 17, "A post about the weather");

        advance(Duration.ofHours(3));

        assertThat(telegram.comments()).singleElement().satisfies(c -> {
            assertThat(c.post()).isEqualTo(new PostKey(CHANNEL, 17));
            assertThat(c.text()).isEqualTo("comment on 17");
            assertThat(c.at()).isBetween(published.plusSeconds(300), published.plusSeconds(330));
        });
        assertThat(stores.journal().history("bot", START)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(CommentStatus.SENT));
        assertThat(events).filteredOn(EngineEvent.CommentSent.class::isInstance).hasSize(1);
    }

    @Test
    void disabledAccountStaysIdle() {
        ScriptedTelegram telegram = runs(TestAccounts.disabled(bot()), FixedWriter.writing());
        fleet.start();
        telegram.publish(CHANNEL, 1, "text");
        advance(Duration.ofHours(2));

        assertThat(telegram.comments()).isEmpty();
        assertThat(fleet.status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(RunState.IDLE));
    }
}
