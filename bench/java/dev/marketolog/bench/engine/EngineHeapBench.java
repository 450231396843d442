package dev.marketolog.bench.engine;

import dev.marketolog.cli.policy.EnginePolicy;
import dev.marketolog.config.AccountSettings;
import dev.marketolog.engine.CommentWriter;
import dev.marketolog.engine.Fleet;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.VirtualClock;
import dev.marketolog.engine.WriteResult;
import dev.marketolog.store.memory.InMemoryStores;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.telegram.sim.SimWorld;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Engine heap per account: 1,000 accounts, 20 channels each out of a shared pool, run for a virtual day on the
 * simulated Telegram with the in-memory stores. The engine's share is the heap retained after GC with the fleet and its
 * stores minus the heap retained after GC once they are dropped (the simulated world stays in both).
 * Args: [accounts] [channels per account] [channel pool] [days].
 */
public final class EngineHeapBench {

    public static void main(String[] args) throws InterruptedException {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perAccount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int pool = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        ZoneId zone = ZoneId.of("Europe/Moscow");
        Instant start = Instant.parse("2026-12-01T00:00:00Z").atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        SplittableRandom random = new SplittableRandom(1);

        List<Long> channels = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            channels.add(-1_001_000_000_000L - i);
        }
        List<AccountSettings> settings = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            Set<Long> allowlist = new LinkedHashSet<>();
            while (allowlist.size() < perAccount) {
                allowlist.add(channels.get(random.nextInt(pool)));
            }
            settings.add(withZone(AccountSettings.defaults("bot" + a, List.copyOf(allowlist)), zone));
        }
        CommentWriter writer = request -> new WriteResult.Written("Simulated comment on post " + request.post().messageId(), 1);
        SimOptions options = SimOptions.builder(1, start, Duration.ofDays(days)).build();
        long empty = retainedHeap();

        VirtualClock clock = new VirtualClock(start);
        SimWorld world = SimWorld.create(options, channels, clock, clock::schedule);
        Fleet fleet = new Fleet(clock, InMemoryStores.create(clock), new FleetRules(1, Duration.ofSeconds(300)), new SplittableRandom(2), event -> {});
        for (AccountSettings account : settings) {
            fleet.add(EnginePolicy.of(account), world.telegramFor(account.name(), account.allowlist()), writer);
        }
        long wall = System.nanoTime();
        fleet.start();
        clock.runUntil(start.plus(Duration.ofDays(days)));
        wall = System.nanoTime() - wall;
        int comments = world.sent().size();
        long withEngine = retainedHeap() - empty;
        fleet.stop();
        fleet = null;
        world = null;
        clock = null;

        // the same world on its own, its views taken but nobody running them: what the simulated Telegram itself keeps
        VirtualClock alone = new VirtualClock(start);
        SimWorld worldAlone = SimWorld.create(options, channels, alone, alone::schedule);
        settings.forEach(account -> worldAlone.telegramFor(account.name(), account.allowlist()));
        alone.runUntil(start.plus(Duration.ofDays(days)));
        long worldOnly = retainedHeap() - empty;

        System.out.printf("%d accounts x %d channels (pool %d), %d virtual day(s): %d comments in %d ms wall%n",
                accounts, perAccount, pool, days, comments, wall / 1_000_000);
        System.out.printf("retained heap: engine and world %.1f MB, world alone %.1f MB (%d posts): engine %.1f KB per account%n",
                withEngine / 1e6, worldOnly / 1e6, worldAlone.posts().size(), (withEngine - worldOnly) / 1024.0 / accounts);
    }

    private static AccountSettings withZone(AccountSettings s, ZoneId zone) {
        var l = s.limits();
        var limits = new dev.marketolog.config.Limits(l.activeWindows(), zone, l.messagesPerDay(), l.messagesPerHour(),
                l.minIntervalBetweenMessages(), l.minIntervalPerChat(), l.maxInstantPerChatPerHour(), l.freshPostMaxAge(),
                l.instantCommentDelay());
        return new AccountSettings(s.name(), s.envFile(), s.apiId(), s.apiHash(), s.hasTelethonSession(), s.enabled(),
                s.allowlist(), limits, s.spamGuard(), s.llm(), s.persona(), s.dryRun(), s.sessionEncryptionKey(), s.proxy(),
                s.sendTimeout(), s.selfDeletedLimit(), s.skipKeywords(), s.cacheTtl(), s.review());
    }

    private static long retainedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
