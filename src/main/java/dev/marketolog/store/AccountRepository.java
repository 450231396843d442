package dev.marketolog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Accounts and their allowlisted channels as configured; the engine's own state tables are written elsewhere. */
public final class AccountRepository {

    private final Jdbc jdbc;
    private final InstantSource clock;

    public AccountRepository(DataSource dataSource, InstantSource clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    /**
     * Adds every account that is new and makes each one's channels its allowlist (as {@link #syncAllowlist}), in one
     * transaction: a thousand accounts are one commit, not two thousand (28 s of a loaded machine's start).
     */
    public void register(Map<String, ? extends Collection<Long>> allowlists) {
        jdbc.transaction("register " + allowlists.size() + " account(s)", connection -> {
            add(connection, allowlists.keySet());
            sync(connection, allowlists);
            return null;
        });
    }

    /** Adds the account if it is new (created now by the clock); an existing one is left as it is. */
    public void upsert(String name) {
        jdbc.transaction("add account " + name, connection -> {
            add(connection, List.of(name));
            return null;
        });
    }

    /**
     * Makes {@code channelIds} the account's allowlist: new channels are added, channels no longer listed are marked
     * not allowlisted, and the ban and hold of every channel are kept (a channel that comes back is still banned).
     */
    public void syncAllowlist(String account, Collection<Long> channelIds) {
        jdbc.transaction("sync the allowlist of account " + account, connection -> {
            sync(connection, Map.of(account, channelIds));
            return null;
        });
    }

    private void add(Connection connection, Collection<String> names) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into account (name, created_at) values (?, ?) on conflict (name) do nothing")) {
            for (String name : names) {
                insert.setString(1, name);
                insert.setTimestamp(2, Timestamp.from(clock.instant()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void sync(Connection connection, Map<String, ? extends Collection<Long>> allowlists) throws SQLException {
        try (PreparedStatement allow = connection.prepareStatement("""
                        insert into account_channel (account, channel_id) values (?, ?)
                        on conflict (account, channel_id) do update set allowlisted = true""");
                PreparedStatement drop = connection.prepareStatement("""
                        update account_channel set allowlisted = false
                        where account = ? and allowlisted and channel_id <> all (?)""")) {
            for (Map.Entry<String, ? extends Collection<Long>> account : allowlists.entrySet()) {
                for (long channelId : account.getValue()) {
                    allow.setString(1, account.getKey());
                    allow.setLong(2, channelId);
                    allow.addBatch();
                }
                drop.setString(1, account.getKey());
                drop.setArray(2, connection.createArrayOf("bigint", account.getValue().toArray()));
                drop.addBatch();
            }
            allow.executeBatch();
            drop.executeBatch();
        }
    }
}
