package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.engine.Branch;
import dev.marketolog.engine.FleetRules;
import dev.marketolog.engine.Reservation;
import dev.marketolog.engine.StoreUnavailableException;
import dev.marketolog.telegram.PostKey;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class EmbeddedDatabaseTest {

    /** A loaded 2-core machine may take a minute for a first start (unpack, initdb) or a crash recovery. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    /** Tests not about the unpack start from a copy of one unpack (see {@link #aFirstStartKilledWhileUnpackingTheBinariesDoesNotSpoilTheNext} for a real one). */
    private void withBinaries() {
        UnpackedBinaries.copyInto(dataDir);
    }

    @Test
    void keepsDataAcrossStopAndStartInTheSameDataDir() throws SQLException {
        withBinaries();
        ProcessSettings settings = embeddedIn(dataDir);
        try (Database database = Database.open(settings)) {
            assertThat(database.embedded()).isTrue();
            update(database, "insert into account (name, created_at) values ('bot', '2026-01-02T03:04:05Z')");
        }
        try (Database database = Database.open(settings)) {
            assertThat(query(database, "select name || ' ' || created_at from account"))
                    .isEqualTo("bot 2026-01-02 03:04:05+00");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
    }

    @Test
    void pingAnswersWhileTheServerRunsAndNotAfterItStops() {
        withBinaries();
        EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0);
        try (Database database = Database.connect(server.dsn())) {
            assertThat(database.ping()).isTrue();
            server.close();
            assertThat(database.ping()).isFalse();
        }
    }

    @Test
    void runsWithDurableSettingsAndNothingUnderDataDirOpenToOtherUsers() throws Exception {
        try (Database database = Database.open(embeddedIn(dataDir))) {
            assertThat(query(database, "show fsync")).isEqualTo("on");
            assertThat(query(database, "show synchronous_commit")).isEqualTo("on");
            assertThat(query(database, "show full_page_writes")).isEqualTo("on");
        }
        try (Stream<Path> tree = Files.walk(dataDir)) {
            List<Path> paths = tree.filter(path -> !path.equals(dataDir) && !Files.isSymbolicLink(path)).toList();
            assertThat(paths).filteredOn(Files::isDirectory).isNotEmpty().allSatisfy(directory ->
                    assertThat(permissions(directory)).as(directory.toString()).isEqualTo("rwx------"));
            assertThat(paths).filteredOn(Files::isRegularFile).isNotEmpty().allSatisfy(file ->
                    assertThat(permissions(file)).as(file.toString()).endsWith("------"));
        }
    }

    @Test
    void everyConfirmedJournalRowSurvivesABackendKilledWithSigkill() throws Exception {
        withBinaries();
        try (EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0);
                Database database = Database.connect(server.dsn());
                ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            update(database, "insert into account (name, created_at) values ('bot', now())");
            JdbcJournal journal = new JdbcJournal(database.dataSource());
            Set<Long> confirmed = ConcurrentHashMap.newKeySet();
            List<Future<?>> bursts = new ArrayList<>();
            for (int channel = 1; channel <= 4; channel++) {
                long channelId = channel;
                bursts.add(writers.submit(() -> writeUntilFailure(journal, channelId, confirmed)));
            }
            await().atMost(PATIENCE).until(() -> confirmed.size() >= 300);

            killABackend(server);

            for (Future<?> burst : bursts) {
                burst.get();
            }
            await().atMost(PATIENCE).until(database::ping);
            assertThat(confirmed).hasSizeGreaterThanOrEqualTo(300);
            assertThat(ids(database)).containsAll(confirmed);
        }
    }

    private static void writeUntilFailure(JdbcJournal journal, long channelId, Set<Long> confirmed) {
        FleetRules fleet = new FleetRules(1000, Duration.ZERO);
        try {
            for (long post = 1; ; post++) {
                Reservation reservation = journal.reserve("bot", new PostKey(channelId, post), Branch.SCHEDULER,
                        Instant.now(), fleet, 1);
                confirmed.add(((Reservation.Reserved) reservation).id());
            }
        } catch (StoreUnavailableException connectionLost) {
            // the killed backend took the whole server through crash recovery, an outage: the burst ends here
        }
    }

    /** SIGKILL, as the out-of-memory killer sends: the postmaster then restarts every backend with crash recovery. */
    private static void killABackend(EmbeddedDatabase server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.dsn().jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            ProcessHandle backend = ProcessHandle.of(row.getLong(1)).orElseThrow();
            assertThat(backend.destroyForcibly()).isTrue();
        }
    }

    private static Set<Long> ids(Database database) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from comment")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void startsThePostmasterAgainWhenItIsKilledWhileRunning() throws Exception {
        withBinaries();
        try (EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0);
                Database database = Database.connect(server.dsn())) {
            update(database, "insert into account (name, created_at) values ('kept', now())");
            long killed = postmasterPid();

            assertThat(ProcessHandle.of(killed).orElseThrow().destroyForcibly()).isTrue();

            await().atMost(PATIENCE).until(() -> postmasterPid() != killed && database.ping());
            assertThat(query(database, "select name from account")).isEqualTo("kept");
        }
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst());
    }

    @Test
    void ofTwoFirstStartsAtTheSameMomentOneRunsAndTheOtherIsToldTheDirectoryIsInUse() throws Exception {
        withBinaries();
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<EmbeddedDatabase>> starts = new ArrayList<>();
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2; i++) {
                starts.add(starters.submit(() -> {
                    together.await();
                    return EmbeddedDatabase.start(dataDir.resolve("postgres"), 0);
                }));
            }
        }
        List<EmbeddedDatabase> running = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (Future<EmbeddedDatabase> start : starts) {
            try {
                running.add(start.get());
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        try {
            assertThat(running).hasSize(1);
            assertThat(refused).singleElement().isInstanceOf(StoreException.class).extracting(Throwable::getMessage)
                    .asString().contains("another running process uses " + dataDir.resolve("postgres"), "in use");
            try (Database database = Database.connect(running.getFirst().dsn())) {
                assertThat(database.ping()).isTrue();
            }
        } finally {
            running.forEach(EmbeddedDatabase::close);
        }
    }

    @Test
    void leavesTheServerOfALiveProcessAloneAndStopsItOnceThatProcessIsKilled() throws Exception {
        withBinaries();
        try (Database database = Database.open(embeddedIn(dataDir))) {
            update(database, "insert into account (name, created_at) values ('survivor', now())");
        }
        Process other = startKilledProcess(dataDir.resolve("postgres"));
        try (BufferedReader output = other.inputReader()) {
            assertThat(output.lines().filter(KilledProcess.STARTED::equals).findFirst()).isPresent();
            assertThatThrownBy(() -> Database.open(embeddedIn(dataDir)))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("another running process uses " + dataDir.resolve("postgres"));
        } finally {
            other.destroyForcibly().waitFor();
        }

        try (Database database = Database.open(embeddedIn(dataDir))) {
            assertThat(query(database, "select name from account")).isEqualTo("survivor");
        }
    }

    @Test
    void refusesToStopAnUnrelatedProcessThatAStalePidFileNames() throws Exception {
        withBinaries();
        EmbeddedDatabase.start(dataDir.resolve("postgres"), 0).close();
        // a process whose command ends in /postgres, as a reused PID could name after a reboot
        Path impostor = Files.createDirectories(dataDir.resolve("elsewhere")).resolve("postgres");
        Files.copy(Path.of("/bin/sleep"), impostor);
        Process stranger = new ProcessBuilder(impostor.toString(), "600").start();
        try {
            Files.writeString(dataDir.resolve("postgres/postmaster.pid"),
                    stranger.pid() + "\n" + dataDir.resolve("postgres") + "\n", StandardOpenOption.CREATE_NEW);

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir.resolve("postgres"), 0))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("names pid " + stranger.pid())
                    .hasMessageContaining("which is not a PostgreSQL serving " + dataDir.resolve("postgres"))
                    .hasMessageContaining("delete that postmaster.pid");
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    @Test
    void startsWhenAStalePidFileNamesAThreadOfThisVeryProcess() throws Exception {
        withBinaries();
        EmbeddedDatabase.start(dataDir.resolve("postgres"), 0).close();
        // in a restarted container the old postmaster's PID is often one of the new JVM's threads
        String thread;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            thread = tasks.map(task -> task.getFileName().toString())
                    .filter(tid -> !tid.equals(Long.toString(ProcessHandle.current().pid())))
                    .findFirst().orElseThrow();
        }
        Files.writeString(dataDir.resolve("postgres/postmaster.pid"), thread + "\n" + dataDir.resolve("postgres") + "\n",
                StandardOpenOption.CREATE_NEW);

        try (EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0);
                Database database = Database.connect(server.dsn())) {
            assertThat(database.ping()).isTrue();
        }
    }

    @Test
    void aStartThatFailsLogsTheServersOwnLastLines() throws Exception {
        withBinaries();
        EmbeddedDatabase.start(dataDir.resolve("postgres"), 0).close();
        Files.writeString(dataDir.resolve("postgres/postgresql.conf"), "this line is no setting\n",
                StandardOpenOption.APPEND);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(EmbeddedDatabase.class);
        logged.start();
        logger.addAppender(logged);
        try {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir.resolve("postgres"), 0))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("postgres exited with code 1 while starting");
            assertThat(logged.list).map(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(message -> assertThat(message).contains("postgresql.conf")
                            .contains("syntax error"));
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aFirstStartKilledWhileUnpackingTheBinariesDoesNotSpoilTheNext() throws Exception {
        Process killed = startKilledProcess(dataDir.resolve("postgres"));
        try {
            await().atMost(PATIENCE).until(() -> unpackingUnder(dataDir).isPresent());
        } finally {
            killed.destroyForcibly().waitFor();
        }

        try (EmbeddedDatabase server = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0);
                Database database = Database.connect(server.dsn())) {
            assertThat(database.ping()).isTrue();
        }
        assertThat(unpackingUnder(dataDir)).isEmpty();
    }

    /** A temporary directory of the unpack that already holds some of the binaries. */
    private static Optional<Path> unpackingUnder(Path dataDir) throws Exception {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("postgres-bin.tmp-"))
                    .filter(path -> Files.isDirectory(path.resolve("lib")))
                    .findFirst();
        }
    }

    private static Process startKilledProcess(Path postgresDirectory) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledProcess.class.getName(),
                postgresDirectory.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static String permissions(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            return PosixFilePermissions.toString(permissions);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ProcessSettings embeddedIn(Path dataDir) {
        ProcessSettings defaults = ProcessSettings.defaults();
        return new ProcessSettings(defaults.httpHost(), defaults.httpPort(), java.util.Optional.empty(), java.util.Optional.empty(),
                defaults.redisUrl(), dataDir, defaults.adminToken(), defaults.logFormat(), defaults.llmMaxConcurrency(),
                defaults.fleetMaxAccountsPerPost(), defaults.fleetMinGap(), defaults.tdjsonPath(), defaults.telegramSandboxUrl(),
                defaults.journalRetention(), defaults.leaseTerm(), defaults.notifications());
    }

    static void update(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    static String query(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
