package dev.marketolog.bench.telegram;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Secret;
import dev.marketolog.telegram.tdlib.LoginPrompts;
import dev.marketolog.telegram.tdlib.TdRuntime;
import dev.marketolog.telegram.tdlib.TdlibAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Process RSS added per idle TDLib client (goal: at most 3 MB each): 50 sessions on the real libtdjson, each waiting
 * for a phone number, measured against the RSS with the library loaded and one client warmed up.
 * Run: {@code bench/run IdleClientMemoryBench [clients]}.
 */
public final class IdleClientMemoryBench {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dataDir = Files.createTempDirectory("marketolog-rss-bench");
        TdRuntime runtime = TdRuntime.shared();
        TdlibAccount warm = openWaiting(runtime, dataDir, "warm");
        settle();
        long before = rssKb();

        List<TdlibAccount> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(openWaiting(runtime, dataDir, "bot" + i));
        }
        settle();
        long after = rssKb();

        System.out.printf("RSS before: %,d kB, with %d more idle clients: %,d kB, added per client: %.2f MB%n",
                before, count, after, (after - before) / 1024.0 / count);
        sessions.forEach(TdlibAccount::close);
        warm.close();
    }

    private static TdlibAccount openWaiting(TdRuntime runtime, Path dataDir, String name) {
        TdlibAccount session = TdlibAccount.open(runtime, account(name), dataDir, LoginPrompts.NONE);
        session.whenReady().exceptionally(failure -> null).join(); // an offline session stops at "needs login"
        if (!session.authorization().equals("waitPhoneNumber")) {
            throw new IllegalStateException(name + " is in " + session.authorization() + ", not waitPhoneNumber");
        }
        return session;
    }

    private static AccountSettings account(String name) {
        AccountSettings d = AccountSettings.defaults(name, List.of(-1001L));
        return new AccountSettings(d.name(), d.envFile(), OptionalInt.of(1), Secret.of("00000000000000000000000000000000"),
                d.hasTelethonSession(), d.enabled(), d.allowlist(), d.limits(), d.spamGuard(), d.llm(), d.persona(), d.dryRun(),
                d.sessionEncryptionKey(), d.proxy(), d.sendTimeout(), d.selfDeletedLimit(), d.skipKeywords(), d.cacheTtl(), d.review());
    }

    /** Lets TDLib's threads finish starting up and the JVM collect what setup left behind. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(3000);
    }

    private static long rssKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElseThrow();
    }
}
