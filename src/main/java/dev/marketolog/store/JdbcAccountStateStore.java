package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.instant;
import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.AccountState;
import dev.marketolog.engine.AccountStateStore;
import dev.marketolog.engine.Notification;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/** Account states in PostgreSQL's {@code account_state} table. */
public final class JdbcAccountStateStore implements AccountStateStore {

    private final Jdbc jdbc;

    public JdbcAccountStateStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public AccountState load(String account) {
        return jdbc.queryOne("read the state of " + account, """
                select spam_block_until, serious_streak, cooldown_level, last_spam_block_at, flood_wait_until
                from account_state where account = ?""",
                s -> s.setString(1, account),
                row -> new AccountState(instant(row, "spam_block_until"), row.getInt("serious_streak"),
                        row.getInt("cooldown_level"), instant(row, "last_spam_block_at"), instant(row, "flood_wait_until")))
                .orElse(AccountState.FRESH);
    }

    @Override
    public void save(String account, AccountState state, Instant at) {
        jdbc.transaction("save the state of " + account, connection -> {
            save(connection, account, state, at);
            return null;
        });
    }

    /**
     * Writes the account's state inside the caller's transaction, with the notifications of a spam block: its start, and
     * its end to be sent when it is over (brought forward when the block is lifted sooner).
     */
    static void save(Connection connection, String account, AccountState state, Instant at) throws SQLException {
        if (state.spamBlockedAt(at) && state.lastSpamBlockAt().isPresent()) {
            Instant since = state.lastSpamBlockAt().get();
            Instant until = state.spamBlockUntil().orElseThrow();
            JdbcOutbox.add(connection, Notification.spamBlockStarted(account, since, until));
            JdbcOutbox.add(connection, Notification.spamBlockEnded(account, since, until));
        } else {
            JdbcOutbox.spamBlockOver(connection, account, at);
        }
        Jdbc.update(connection, """
                insert into account_state
                    (account, spam_block_until, serious_streak, cooldown_level, last_spam_block_at, flood_wait_until, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (account) do update set spam_block_until = excluded.spam_block_until,
                    serious_streak = excluded.serious_streak, cooldown_level = excluded.cooldown_level,
                    last_spam_block_at = excluded.last_spam_block_at, flood_wait_until = excluded.flood_wait_until,
                    updated_at = excluded.updated_at""",
                s -> {
                    s.setString(1, account);
                    s.setTimestamp(2, timestamp(state.spamBlockUntil()));
                    s.setInt(3, state.seriousStreak());
                    s.setInt(4, state.cooldownLevel());
                    s.setTimestamp(5, timestamp(state.lastSpamBlockAt()));
                    s.setTimestamp(6, timestamp(state.floodWaitUntil()));
                    s.setTimestamp(7, timestamp(at));
                });
    }
}
