package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.AccountStatus;
import dev.marketolog.engine.Branch;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.engine.Instance;
import dev.marketolog.engine.RunState;
import dev.marketolog.engine.SkipReason;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.engine.WriteResult;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.TestDatabase;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.telegram.sim.SimWorld;
import dev.marketolog.web.TelegramSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class EngineServiceTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final long CHANNEL = -1001L;

    private static AccountSettings disabled(AccountSettings s) {
        return new AccountSettings(s.name(), s.envFile(), s.apiId(), s.apiHash(), s.hasTelethonSession(), false,
                s.allowlist(), s.limits(), s.spamGuard(), s.llm(), s.persona(), s.dryRun(), s.sessionEncryptionKey(), s.proxy(),
                s.sendTimeout(), s.selfDeletedLimit(), s.skipKeywords(), s.cacheTtl(), s.review());
    }

    @Test
    void accountsWithASessionRunThoseWithoutNeedALoginAndDisabledOnesStayIdle() {
        AccountSettings withSession = AccountSettings.defaults("with-session", List.of(CHANNEL));
        AccountSettings withoutSession = AccountSettings.defaults("without-session", List.of(CHANNEL));
        AccountSettings off = disabled(AccountSettings.defaults("off", List.of(CHANNEL)));
        List<AccountSettings> all = List.of(withSession, withoutSession, off);
        AccountRepository accounts = new AccountRepository(db.dataSource(), () -> START);
        all.forEach(a -> accounts.upsert(a.name()));
        VirtualClock clock = new VirtualClock(START);
        SimWorld world = SimWorld.create(SimOptions.builder(1, START, Duration.ofHours(1)).build(), List.of(CHANNEL), clock, clock::schedule);
        List<String> asked = new CopyOnWriteArrayList<>(); // sessions open side by side, on several threads
        TelegramSessions sessions = new TelegramSessions() {
            @Override
            public Optional<Telegram> open(AccountSettings account) {
                asked.add(account.name());
                return account.name().equals("with-session") ? Optional.of(world.telegramFor(account.name(), account.allowlist())) : Optional.empty();
            }

            @Override
            public Optional<TelegramSession> session(String account) {
                return Optional.of(new TelegramSession(account.equals("with-session") ? "ready" : "waitPhoneNumber", "ready"));
            }

            @Override
            public void close() {}
        };

        try (EngineService engine = EngineService.start(new Settings(ProcessSettings.defaults(), all, List.of()), db.database(),
                new Instance("test-instance", "localhost", 0, START), clock, sessions, a -> request -> new WriteResult.Declined(List.of("skip"), 1), new EngineMetrics(new SimpleMeterRegistry()))) {
            clock.runUntil(START.plusSeconds(1));

            assertThat(engine.status()).extracting(AccountStatus::account, AccountStatus::state).containsExactly(
                    tuple("with-session", RunState.RUNNING),
                    tuple("without-session", RunState.NEEDS_LOGIN),
                    tuple("off", RunState.IDLE));
            assertThat(asked).containsExactlyInAnyOrder("with-session", "without-session");
            assertThat(engine.accounts()).extracting(a -> a.telegram().map(TelegramSession::authorization).orElseThrow())
                    .containsExactly("ready", "waitPhoneNumber", "waitPhoneNumber");
        }
    }

    @Test
    void engineEventsBecomeCountersByAccountAndReasonOrErrorType() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EngineMetrics metrics = new EngineMetrics(registry);
        PostKey post = new PostKey(CHANNEL, 1);

        metrics.accept(new EngineEvent.CommentSent("bot", START, post, Branch.INSTANT, "text", false));
        metrics.accept(new EngineEvent.CommentSent("bot", START, post, Branch.INSTANT, "text", false));
        metrics.accept(new EngineEvent.Skipped("bot", START, post, SkipReason.SKIP_KEYWORD));
        metrics.accept(new EngineEvent.SendFailed("bot", START, post, "peer_flood"));
        metrics.accept(new EngineEvent.SpamBlockStarted("bot", START, Duration.ofHours(1)));
        metrics.accept(new EngineEvent.SlowMode("bot", START, CHANNEL, Duration.ofMinutes(1)));

        assertThat(registry.get("marketolog.comments.sent").tags("account", "bot", "branch", "instant").counter().count()).isEqualTo(2);
        assertThat(registry.get("marketolog.comments.skipped").tag("reason", "skip_keyword").counter().count()).isEqualTo(1);
        assertThat(registry.get("marketolog.send.failures").tag("error_type", "peer_flood").counter().count()).isEqualTo(1);
        assertThat(registry.get("marketolog.spam.blocks").tag("account", "bot").counter().count()).isEqualTo(1);
    }
}
