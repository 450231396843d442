package dev.marketolog.web.console;

import dev.marketolog.config.ConsoleAccess;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Secret;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.engine.AccountLive;
import dev.marketolog.engine.AccountOverview;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcAccountBoard;
import dev.marketolog.store.JdbcAccountControl;
import dev.marketolog.store.JdbcChannelAnalytics;
import dev.marketolog.store.JdbcInstanceBoard;
import dev.marketolog.store.JdbcJournal;
import dev.marketolog.store.JdbcJournalSearch;
import dev.marketolog.store.JdbcOutbox;
import dev.marketolog.notify.Notifier;
import dev.marketolog.web.Metrics;
import dev.marketolog.web.MetricsHandler;
import dev.marketolog.web.WebServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The console over real HTTP on a real PostgreSQL: the admin API with the stores of {@code serve}; the accounts this
 * process runs are given as the engine would report them.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String TOKEN = "7c0e5a9d2b4f6e8a1c3d5b7f9e0a2c4d";
    /** The instance id the console answers as. */
    static final String SELF = "instance-under-test";

    private final Metrics metrics = Metrics.start("test");
    private final WebServer server;
    private final DataSource dataSource;
    private final Notifier notifier;

    ConsoleFixture(DataSource dataSource, InstantSource clock, Map<String, String> environment, Supplier<List<AccountLive>> live) {
        this.dataSource = dataSource;
        Settings settings;
        try {
            settings = SettingsLoader.load(List.of(), environment, Purpose.TOOL);
        } catch (dev.marketolog.config.ConfigException e) {
            throw new IllegalArgumentException(e.problems().toString(), e);
        }
        AccountRepository accounts = new AccountRepository(dataSource, clock);
        settings.accounts().forEach(account -> accounts.upsert(account.name()));
        AdminApi api = new AdminApi(new ConsoleAuth((ConsoleAccess.Open) ConsoleAccess.of(Secret.of(TOKEN)),
                new LoginThrottle(clock)), clock);
        // the notifications of the environment's NOTIFY_* sinks, not running until a test starts them
        notifier = Notifier.create(settings.process().notifications(), List.of(), ZoneOffset.UTC, new JdbcOutbox(dataSource),
                new JdbcJournal(dataSource), account -> Optional.empty(), HttpClient.newHttpClient(), clock, metrics.registry());
        api.serve(new ConsoleServices(new AccountOverview(live, new JdbcAccountBoard(dataSource), clock),
                new JdbcJournalSearch(dataSource), new JdbcAccountControl(dataSource, clock, settings),
                new JdbcChannelAnalytics(dataSource), notifier, new JdbcInstanceBoard(dataSource, SELF)));
        server = WebServer.start("127.0.0.1", 0, ctx -> ctx.result("ok"), new MetricsHandler(metrics.registry()),
                List.of(new Console(List.of(api))));
    }

    /** The notifications the console reports on. */
    Notifier notifier() {
        return notifier;
    }

    ConsoleHttp http() {
        return ConsoleHttp.withToken(server.port(), TOKEN);
    }

    ConsoleHttp anonymous() {
        return ConsoleHttp.anonymous(server.port());
    }

    /** Writes one journal row as the engine would have (sent rows with their message, link and time). */
    long insertComment(String account, long channel, long post, String branch, String status, String text, String link,
            Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into comment (account, channel_id, post_id, discussion_chat_id, message_id, text, branch, status,
                                             created_at, sent_at, updated_at, message_link)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
            boolean sent = status.equals("sent");
            insert.setString(1, account);
            insert.setLong(2, channel);
            insert.setLong(3, post);
            insert.setObject(4, sent ? channel - 1000 : null);
            insert.setObject(5, sent ? post * 10 : null);
            insert.setString(6, text);
            insert.setString(7, branch);
            insert.setString(8, status);
            insert.setTimestamp(9, Timestamp.from(at));
            insert.setTimestamp(10, sent ? Timestamp.from(at) : null);
            insert.setTimestamp(11, Timestamp.from(at));
            insert.setString(12, link);
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Someone deleted our comment. */
    void markDeleted(long id, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update comment set deleted_at = ? where id = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        notifier.close();
        metrics.close();
    }
}
