package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.marketolog.cli.policy.EnginePolicy;
import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import dev.marketolog.config.Limits;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.EngineStores;
import dev.marketolog.engine.Fleet;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.engine.WriteResult;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.ForwardingTelegram;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramListener;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SELF_DELETED_LIMIT counts deletions of comments an earlier run sent: the journal, not the adapter's memory, knows
 * which messages are ours. One run comments through the TDLib adapter and dies; the next, a new adapter and fleet over
 * the same stores, hears the deletions.
 */
class DeletionsAfterRestartTest {

    /** FakeTdlib's posts are of 2025-11-25 10:00 UTC; the first run starts ten minutes later. */
    private static final Instant START = Instant.ofEpochSecond(1764064800).plus(Duration.ofMinutes(10));
    /** FakeTdlib numbers sent messages from 5000 and confirms each under its id + 100000. */
    private static final List<Long> FIRST_TWO_SENT = List.of(105_000L, 105_001L);

    /** The clock of the run under way: the stores outlive each run, their leases follow the current one. */
    private VirtualClock current;
    private final EngineStores stores = InMemoryStores.create(() -> current.instant());
    private final List<EngineEvent> events = new ArrayList<>();
    private final List<TdRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void stop() {
        runtimes.forEach(TdRuntime::close);
    }

    private static AccountSettings account() {
        AccountSettings d = AccountSettings.defaults("bot", List.of(FakeTdlib.OPEN));
        Limits open = new Limits(ActiveWindows.of(new HourWindow(0, 24)), ZoneOffset.UTC, 1000, 1000, Duration.ZERO, Duration.ZERO, 1000,
                Duration.ofDays(2), Duration.ofSeconds(300));
        return new AccountSettings(d.name(), d.envFile(), d.apiId(), d.apiHash(), d.hasTelethonSession(), d.enabled(), d.allowlist(), open,
                d.spamGuard(), d.llm(), d.persona(), d.dryRun(), d.sessionEncryptionKey(), d.proxy(), d.sendTimeout(), d.selfDeletedLimit(),
                d.skipKeywords(), d.cacheTtl(), d.review());
    }

    /** One run of the process: its own runtime, adapter, clock and fleet, on the shared stores. */
    private record Run(FakeTdlib tdlib, VirtualClock clock, BlockingQueue<Runnable> heard) {
        /** Runs what the adapter heard on this (the clock's) thread, then moves the clock on. */
        void advance(Duration duration) {
            for (Runnable call = heard.poll(); call != null; call = heard.poll()) {
                call.run();
            }
            clock.runUntil(clock.instant().plus(duration));
        }
    }

    private Run start(Instant at, long seed) {
        FakeTdlib tdlib = new FakeTdlib();
        TdRuntime runtime = new TdRuntime(tdlib, new ManualScheduler());
        runtimes.add(runtime);
        VirtualClock clock = new VirtualClock(at);
        current = clock;
        AtomicReference<TdlibTelegram> port = new AtomicReference<>();
        TdClient client = runtime.newClient(update -> port.get().onUpdate(update));
        // the read budget on the virtual clock: reads ten virtual minutes apart never wait
        port.set(new TdlibTelegram(client, Duration.ofSeconds(30), clock, runtime.scheduler()));
        BlockingQueue<Runnable> heard = new LinkedBlockingQueue<>();
        Fleet fleet = new Fleet(clock, stores, new FleetRules(1, Duration.ZERO), new SplittableRandom(seed), events::add);
        fleet.add(EnginePolicy.of(account()), new HeardOnClockThread(port.get(), heard), request -> new WriteResult.Written("Хороший пост, спасибо", 1));
        fleet.start();
        return new Run(tdlib, clock, heard);
    }

    @Test
    void deletionsOfCommentsAnEarlierRunSentAreCountedAndBanTheChannelAtTheLimit() {
        Run first = start(START, 1);
        first.advance(Duration.ofHours(2));
        assertThat(events).filteredOn(EngineEvent.CommentSent.class::isInstance).hasSizeGreaterThanOrEqualTo(2);

        Run second = start(first.clock().instant().plus(Duration.ofMinutes(10)), 2);
        second.advance(Duration.ofMinutes(1));
        second.tdlib().deliver("{\"@type\":\"updateDeleteMessages\",\"chat_id\":" + FakeTdlib.OPEN_GROUP + ",\"message_ids\":"
                + FIRST_TWO_SENT + ",\"is_permanent\":true,\"from_cache\":false,\"@client_id\":1}");
        await().until(() -> second.heard().size() == FIRST_TWO_SENT.size());
        second.advance(Duration.ofMinutes(1));

        assertThat(events).filteredOn(EngineEvent.ChannelBanned.class::isInstance).singleElement()
                .isEqualTo(new EngineEvent.ChannelBanned("bot", second.clock().instant().minus(Duration.ofMinutes(1)), FakeTdlib.OPEN,
                        "own comments deleted"));
    }

    /**
     * The adapter calls its listener from TDLib's receive thread; the virtual clock is not for other threads, so the
     * calls are queued and run on the test's thread (serve's real-time clock hands them to the account's thread alike).
     */
    private static final class HeardOnClockThread extends ForwardingTelegram {
        private final BlockingQueue<Runnable> heard;

        HeardOnClockThread(Telegram port, BlockingQueue<Runnable> heard) {
            super(port);
            this.heard = heard;
        }

        @Override
        public void listen(TelegramListener listener) {
            delegate.listen(new TelegramListener() {
                @Override
                public void newPost(Post post) {
                    heard.add(() -> listener.newPost(post));
                }

                @Override
                public void discussionMessageDeleted(long channelId, long discussionChatId, long messageId) {
                    heard.add(() -> listener.discussionMessageDeleted(channelId, discussionChatId, messageId));
                }

                @Override
                public void restricted(long channelId, String reason) {
                    heard.add(() -> listener.restricted(channelId, reason));
                }

                @Override
                public void sessionGone(String reason) {
                    heard.add(() -> listener.sessionGone(reason));
                }
            });
        }
    }
}
