package dev.marketolog.bench.sandbox;

import dev.marketolog.cli.sandbox.Sandbox;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.sandbox.SandboxLink;
import dev.marketolog.telegram.sandbox.SandboxTelegram;
import dev.marketolog.telegram.sim.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends per second the sandbox world accepts from many accounts at once, each through its own {@link SandboxTelegram}
 * over loopback HTTP, every account commenting as fast as its answers come back, each post once.
 *
 * <pre>bench/run SandboxThroughputBench [ACCOUNTS=100] [SECONDS=15] [CHANNELS=10]</pre>
 */
public final class SandboxThroughputBench {

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int channels = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<Long> channelIds = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            channelIds.add(-1003000000001L - i);
        }
        // a post every 2 s per channel over 6 h of history: enough distinct posts for every account
        SimOptions options = SimOptions.builder(1, Instant.now(), Duration.ofDays(1)).history(Duration.ofHours(6))
                .postsPerDay(43_200).postGoneRate(0).build();
        try (Sandbox sandbox = Sandbox.start(options, channelIds, 0, Optional.empty())) {
            SandboxLink link = SandboxLink.open(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                    URI.create(sandbox.url()), "bench");
            List<SandboxTelegram> telegrams = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                SandboxTelegram telegram = SandboxTelegram.connect(link, "bench" + i, channelIds);
                telegram.prepare(channelIds);
                telegrams.add(telegram);
            }
            List<List<Post>> postsOf = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                postsOf.add(telegrams.get(a).recentPosts(channelIds.get(a % channels), 1000));
            }
            System.out.printf("%d accounts, %d channels, %d posts per channel to comment%n", accounts, channels,
                    postsOf.getFirst().size());
            for (int round = 0; round < 2; round++) {
                AtomicLong sent = new AtomicLong();
                AtomicLong other = new AtomicLong();
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                long started = System.nanoTime();
                long cpuBefore = CPU.getProcessCpuTime();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int a = 0; a < accounts; a++) {
                        SandboxTelegram telegram = telegrams.get(a);
                        List<Post> own = postsOf.get(a);
                        int first = round * own.size() / 2;
                        pool.submit(() -> {
                            for (int p = first; p < own.size() && System.nanoTime() < deadline; p++) {
                                SendResult result = telegram.comment(own.get(p).key(), "Комментарий для замера.");
                                (result instanceof SendResult.Sent ? sent : other).incrementAndGet();
                            }
                        });
                    }
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                double cpu = (CPU.getProcessCpuTime() - cpuBefore) / 1e9;
                // client and server share this process: per CPU-second is what a machine with free cores would see
                System.out.printf("round %d: %d sends accepted in %.1f s = %.0f/s (%d not accepted); %.1f CPU-s = %.0f sends per CPU-second%n",
                        round + 1, sent.get(), elapsed, sent.get() / elapsed, other.get(), cpu, sent.get() / cpu);
            }
            telegrams.forEach(SandboxTelegram::close);
        }
    }
}
