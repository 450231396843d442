package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings operators' commands ({@code operator_command}) to this process within seconds, whichever process wrote them:
 * a thread LISTENs on a connection of its own and reads the new rows as soon as a notification comes, and at least every
 * poll interval in any case, so a notification missed while the connection was down loses nothing. A lost connection is
 * opened again. Every new command is handed over once; a lift of a spam block or a cleared ban not applied yet is handed
 * over again at each read until the process holding the account's lease has applied it ({@link #applied}).
 */
public final class CommandFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandFeed.class);
    /** The longest pause before a lost listening connection is opened again. */
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    /** A command as stored; {@code args} holds the channel id of a clear-ban. */
    public record Command(long id, String account, String command, String args) {}

    private final Jdbc jdbc;
    private final DataSource dataSource;
    private final InstantSource clock;
    private final String instance;
    private long lastSeen;
    private volatile boolean closed;
    private Thread thread;


    private CommandFeed(DataSource dataSource, InstantSource clock, String instance, long lastSeen) {
        this.jdbc = new Jdbc(dataSource);
        this.dataSource = dataSource;
        this.clock = clock;
        this.instance = instance;
        this.lastSeen = lastSeen;
    }

    /**
     * A feed of the commands written from now on. Open it before the accounts' paused flags and overrides are read for
     * the start: a command written in between is then handed over too, rather than lost.
     *
     * @param instance this process's identity, recorded with each command it applies
     */
    public static CommandFeed open(DataSource dataSource, InstantSource clock, String instance) {
        long last = new Jdbc(dataSource).queryOne("read the last operator command", "select coalesce(max(id), 0) from operator_command",
                s -> {}, row -> row.getLong(1)).orElse(0L);
        return new CommandFeed(dataSource, clock, instance, last);
    }

    /** Starts handing commands to {@code handler} (on the feed's own thread, in the order they were written). */
    public synchronized void start(Duration pollEvery, Consumer<Command> handler) {
        thread = Thread.ofPlatform().daemon().name("operator-commands").start(() -> run(pollEvery, handler));
    }

    /** Records that the process holding the command's account has applied it. */
    public void applied(long commandId) {
        jdbc.update("mark operator command " + commandId + " applied",
                "update operator_command set applied_at = ?, applied_by = ? where id = ? and applied_at is null", s -> {
                    s.setTimestamp(1, timestamp(clock.instant()));
                    s.setString(2, instance);
                    s.setLong(3, commandId);
                });
    }

    private void run(Duration pollEvery, Consumer<Command> handler) {
        boolean reported = false;
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection listening = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + OperatorCommands.CHANNEL);
                }
                if (reported) {
                    log.info("listening for operators' commands again");
                    reported = false;
                }
                while (!closed) {
                    // what came while the connection was opened (or down) is read before waiting
                    deliver(handler);
                    listening.getNotifications((int) pollEvery.toMillis());
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!reported) {
                    log.warn("cannot listen for operators' commands ({}); trying again, and reading them meanwhile",
                            e.getMessage());
                    reported = true;
                }
                pollWhileDown(pollEvery, handler);
            }
        }
    }

    /** Without a listening connection, one poll after a short pause; then the listener is tried again. */
    private void pollWhileDown(Duration pollEvery, Consumer<Command> handler) {
        try {
            Thread.sleep(pollEvery.compareTo(RECONNECT_AFTER) < 0 ? pollEvery : RECONNECT_AFTER);
            deliver(handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } catch (RuntimeException e) {
            log.debug("cannot read operators' commands: {}", e.getMessage());
        }
    }

    private void deliver(Consumer<Command> handler) {
        List<Command> commands = jdbc.query("read operators' commands", """
                select id, account, command, args from operator_command
                where id > ? or (applied_at is null and command in ('lift-spam-block', 'clear-ban'))
                order by id""",
                s -> s.setLong(1, lastSeen),
                row -> new Command(row.getLong("id"), row.getString("account"), row.getString("command"), row.getString("args")));
        for (Command command : commands) {
            try {
                handler.accept(command);
            } catch (RuntimeException e) {
                log.error("operator command {} ({} for {}) failed", command.id(), command.command(), command.account(), e);
            }
            lastSeen = Math.max(lastSeen, command.id());
        }
    }

    /** A notification of its own ends the listener's wait at once; without the database, the wait's end does. */
    private void wake() {
        try {
            jdbc.query("wake the operator command listener", "select pg_notify('" + OperatorCommands.CHANNEL + "', '')",
                    s -> {}, row -> null);
        } catch (RuntimeException e) {
            log.debug("could not wake the operator command listener: {}", e.getMessage());
        }
    }

    /** Stops the feed's thread. */
    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            wake();
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
