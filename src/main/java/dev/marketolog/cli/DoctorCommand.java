package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.LlmSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.llm.LlmClient;
import dev.marketolog.llm.LlmFailure;
import dev.marketolog.llm.LlmMetrics;
import dev.marketolog.llm.ModelsOutcome;
import dev.marketolog.cache.Cache;
import dev.marketolog.store.Caches;
import dev.marketolog.store.Database;
import dev.marketolog.telegram.tdlib.LoginPrompts;
import dev.marketolog.telegram.tdlib.TdFunction.GetOption;
import dev.marketolog.telegram.tdlib.TdJsonLibrary;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue;
import dev.marketolog.telegram.tdlib.TdRuntime;
import dev.marketolog.telegram.tdlib.TdlibAccount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marketolog doctor [--env-file F]...}: checks libtdjson, the database, the cache, the LLM endpoint and each
 * account's session, one line each; exits 0 only when every check is ok.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks libtdjson, the database, the cache, the LLM endpoint and each account's session; exit 0 only when all are ok.")
public final class DoctorCommand implements Callable<Integer> {

    /** How long a session may take to tell whether it is logged in (it reads its database; no network is needed). */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private AccountEnvFiles envFiles;

    /** One line of the report. */
    record Check(String name, boolean ok, String detail) {
        static Check ok(String name, String detail) {
            return new Check(name, true, detail);
        }

        static Check fail(String name, String detail) {
            return new Check(name, false, detail);
        }

        String line() {
            return (ok ? "ok    " : "FAIL  ") + name + ": " + detail;
        }
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Optional<Settings> loaded =
                envFiles.load(Path.of(""), System.getenv(), Purpose.TOOL, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return CommandSettings.PROBLEMS;
        }
        Settings settings = loaded.get();
        List<Check> checks = new ArrayList<>();
        Optional<TdRuntime> tdlib = tdlib(settings.process(), checks);
        checks.add(database(settings.process()));
        checks.add(cache(settings.process()));
        checks.addAll(llm(settings));
        settings.accounts().forEach(account -> checks.add(session(tdlib, account, settings.process().dataDir())));
        checks.forEach(check -> out.println(check.line()));
        return checks.stream().allMatch(Check::ok) ? 0 : 1;
    }

    private static Optional<TdRuntime> tdlib(ProcessSettings process, List<Check> checks) {
        try {
            TdRuntime runtime = TdRuntime.shared(process.tdjsonPath());
            OptionValue version = runtime.execute(new GetOption("version"));
            String from = TdJsonLibrary.loadedFrom().map(Path::toString).orElse("?");
            checks.add(Check.ok("libtdjson", "TDLib " + (version instanceof OptionValue.OptionValueString s ? s.value() : "?") + " from " + from));
            return Optional.of(runtime);
        } catch (TdJsonLibrary.NotFound e) {
            checks.add(Check.fail("libtdjson", e.getMessage()));
            return Optional.empty();
        }
    }

    private static Check database(ProcessSettings process) {
        String which = process.postgres().isPresent() ? "PostgreSQL at POSTGRES_DSN" : "embedded PostgreSQL in " + process.dataDir().resolve("postgres");
        try (Database database = Database.open(process)) {
            return database.ping() ? Check.ok("database", which + " answers") : Check.fail("database", which + " does not answer");
        } catch (RuntimeException e) {
            return Check.fail("database", which + ": " + e.getMessage());
        }
    }

    private static Check cache(ProcessSettings process) {
        String which = process.redisUrl().isPresent() ? "Redis at REDIS_URL" : "in-process cache (no REDIS_URL)";
        try (Cache cache = Caches.open(process.redisUrl(), new SimpleMeterRegistry())) {
            String key = "doctor:" + UUID.randomUUID();
            cache.put(key, "ok", Duration.ofSeconds(10));
            boolean roundTrip = cache.get(key).filter("ok"::equals).isPresent();
            return roundTrip ? Check.ok("cache", which + " stores and returns a value")
                    : Check.fail("cache", which + " is " + cache.state());
        }
    }

    /** One check per distinct LLM endpoint and key among the accounts. */
    private static List<Check> llm(Settings settings) {
        Map<String, LlmSettings> endpoints = new LinkedHashMap<>();
        settings.accounts().forEach(account -> endpoints.putIfAbsent(account.llm().baseUrl() + " " + account.llm().apiKey().reveal(), account.llm()));
        LlmClient client = new LlmClient(1, new LlmMetrics(new SimpleMeterRegistry()));
        return endpoints.values().stream().map(llm -> {
            ModelsOutcome outcome = client.models(llm);
            String name = "LLM " + llm.baseUrl();
            return switch (outcome) {
                case ModelsOutcome.Listed listed -> Check.ok(name, listed.ids().size() + " models"
                        + (listed.ids().contains(llm.model()) ? ", " + llm.model() + " among them" : ", " + llm.model() + " not among them"));
                case LlmFailure failure -> Check.fail(name, failure.describe());
            };
        }).toList();
    }

    private static Check session(Optional<TdRuntime> tdlib, AccountSettings account, Path dataDir) {
        String name = "session " + account.name();
        if (tdlib.isEmpty()) {
            return Check.fail(name, "cannot be checked without libtdjson");
        }
        if (account.apiId().isEmpty() || !account.apiHash().isPresent()) {
            return Check.fail(name, "TELEGRAM_API_ID and TELEGRAM_API_HASH are needed to open it");
        }
        TdlibAccount session;
        try {
            session = TdlibAccount.open(tdlib.get(), account, dataDir, LoginPrompts.NONE);
        } catch (RuntimeException e) {
            return Check.fail(name, e.getMessage());
        }
        try {
            session.whenReady().get(SESSION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Check.ok(name, "ready");
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof LoginPrompts.LoginRequired)) {
                // e.g. the database is locked by a running serve, or the encryption key does not match
                return Check.fail(name, "cannot be opened: " + e.getCause().getMessage());
            }
            String login = account.envFile().map(f -> "marketolog login --env-file " + f).orElse("marketolog login");
            return Check.fail(name, "needs login (" + session.authorization() + "): run " + login);
        } catch (TimeoutException e) {
            return Check.fail(name, "no answer from its TDLib database within " + SESSION_TIMEOUT.toSeconds() + " s (" + session.authorization() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(name, "interrupted");
        } finally {
            session.close();
        }
    }
}
