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
import dev.marketolog.telegram.tdlib.TdlibParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marketolog doctor [--env-file F]...}: checks libtdjson, the database, the cache, the LLM endpoint and each
 * account's session, one line each; exits 0 only when every check is ok. It only looks: it migrates nothing, creates
 * no database or session, writes nothing to Redis and does not open a session a running serve holds.
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

    /** Only looks: connects without migrating, or reads the embedded data directory without starting a server. */
    private static Check database(ProcessSettings process) {
        if (process.postgres().isEmpty()) {
            return EmbeddedDataDirectory.look(process.dataDir().resolve("postgres"));
        }
        String which = "PostgreSQL at POSTGRES_DSN";
        try {
            Database.Schema schema = Database.look(process.postgres().get());
            if (schema.version().isEmpty()) {
                return Check.ok("database", which + " answers; no schema yet (serve creates it at its start)");
            }
            return Check.ok("database", which + " answers; schema version " + schema.version().get()
                    + (schema.pending() == 0 ? "" : ", " + schema.pending() + " migration(s) serve will apply"));
        } catch (RuntimeException e) {
            return Check.fail("database", which + ": " + e.getMessage());
        }
    }

    /** Only looks: a PING, never a write. */
    private static Check cache(ProcessSettings process) {
        if (process.redisUrl().isEmpty()) {
            return Check.ok("cache", "in-process cache (no REDIS_URL)");
        }
        try (Cache cache = Caches.open(process.redisUrl(), new SimpleMeterRegistry())) {
            String state = cache.state();
            return state.equals("up") ? Check.ok("cache", "Redis at REDIS_URL answers")
                    : Check.fail("cache", "Redis at REDIS_URL is " + state);
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

    /** Whether TDLib has kept a session there: its database starts with a binlog file. */
    private static boolean hasSession(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".binlog"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Check session(Optional<TdRuntime> tdlib, AccountSettings account, Path dataDir) {
        String name = "session " + account.name();
        if (tdlib.isEmpty()) {
            return Check.fail(name, "cannot be checked without libtdjson");
        }
        if (account.apiId().isEmpty() || !account.apiHash().isPresent()) {
            return Check.fail(name, "TELEGRAM_API_ID and TELEGRAM_API_HASH are needed to open it");
        }
        try {
            if (SessionLock.held(dataDir, account.name())) {
                // opening it would wait on TDLib's lock and could disturb the running session
                return Check.ok(name, "in use by a running serve (see its /health)");
            }
        } catch (IOException e) {
            return Check.fail(name, "cannot check its lock " + SessionLock.file(dataDir, account.name()) + ": " + e);
        }
        String login = account.envFile().map(f -> "marketolog login --env-file " + f).orElse("marketolog login");
        if (!hasSession(TdlibParameters.sessionDirectory(dataDir, account.name()))) {
            // opening it would create an empty TDLib database where there is none
            return Check.fail(name, "no session yet under " + TdlibParameters.sessionDirectory(dataDir, account.name()) + ": run " + login);
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
