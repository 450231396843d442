package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal bounded: rows that counted longer than JOURNAL_RETENTION_DAYS ago are deleted, in batches so no
 * statement holds many locks or a long transaction. The retention is longer than every window a limit reads, and a
 * post is fresh for far less, so no deleted row could still stop a comment. Rows still in flight ({@code reserved},
 * {@code sending}, {@code awaiting_review}) and comments whose deletion by others is still within the retention are kept.
 * The posts seen (channel analytics) are kept as long, by their publication; a comment's feedback goes with it.
 */
public final class JournalRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournalRetention.class);

    static final int BATCH = 1_000;
    private static final Duration PERIOD = Duration.ofHours(1);

    private final Jdbc jdbc;
    private final Duration retention;
    private final ScheduledExecutorService timetable =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("journal-retention").factory());

    public JournalRetention(DataSource dataSource, Duration retention) {
        this.jdbc = new Jdbc(dataSource);
        this.retention = retention;
    }

    /** Deletes the expired rows now and then once an hour, on a thread of its own (not the accounts' tasks). */
    public static JournalRetention start(DataSource dataSource, Duration retention, InstantSource clock) {
        JournalRetention task = new JournalRetention(dataSource, retention);
        task.timetable.scheduleWithFixedDelay(() -> task.purgeLogged(clock.instant()), 0, PERIOD.toSeconds(), TimeUnit.SECONDS);
        return task;
    }

    private void purgeLogged(Instant now) {
        try {
            int deleted = purge(now);
            if (deleted > 0) {
                log.info("Journal retention deleted {} row(s) older than {} day(s)", deleted, retention.toDays());
            }
        } catch (RuntimeException e) {
            // the database may be away for a while: the next hour tries again
            log.warn("Journal retention could not delete old rows: {}", e.getMessage());
        }
    }

    /**
     * Deletes every row that counted before {@code now} minus the retention, and the posts seen published before it,
     * {@value #BATCH} per statement; answers how many rows went.
     */
    public int purge(Instant now) {
        Instant cutoff = now.minus(retention);
        int total = 0;
        // account by account, along comment_account_counted: no index orders the whole journal by time (see V4)
        for (String account : jdbc.query("list the journal's accounts", "select name from account", s -> {}, row -> row.getString(1))) {
            int deleted;
            do {
                deleted = jdbc.update("delete journal rows of " + account + " older than " + cutoff, """
                        delete from comment where id in (
                            select id from comment
                            where account = ? and counted_at < ? and status not in ('reserved', 'sending', 'awaiting_review')
                                and (deleted_at is null or deleted_at < ?)
                            limit ?)""",
                        s -> {
                            s.setString(1, account);
                            s.setTimestamp(2, timestamp(cutoff));
                            s.setTimestamp(3, timestamp(cutoff));
                            s.setInt(4, BATCH);
                        });
                total += deleted;
            } while (deleted == BATCH);
        }
        int deleted;
        do {
            deleted = jdbc.update("delete posts seen published before " + cutoff, """
                    delete from post_seen where (channel_id, post_id) in (
                        select channel_id, post_id from post_seen where published_at < ? limit ?)""",
                    s -> {
                        s.setTimestamp(1, timestamp(cutoff));
                        s.setInt(2, BATCH);
                    });
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        timetable.shutdownNow();
        timetable.awaitTermination(10, TimeUnit.SECONDS);
    }
}
