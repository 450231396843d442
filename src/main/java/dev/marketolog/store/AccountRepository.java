package dev.marketolog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.Collection;
import javax.sql.DataSource;

/** Accounts and their allowlisted channels as configured; the engine's own state tables are written elsewhere. */
public final class AccountRepository {

    private final DataSource dataSource;
    private final InstantSource clock;

    public AccountRepository(DataSource dataSource, InstantSource clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Adds the account if it is new (created now by the clock); an existing one is left as it is. */
    public void upsert(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into account (name, created_at) values (?, ?) on conflict (name) do nothing")) {
            insert.setString(1, name);
            insert.setTimestamp(2, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failed("add account " + name, e);
        }
    }

    /**
     * Makes {@code channelIds} the account's allowlist: new channels are added, channels no longer listed are marked
     * not allowlisted, and the ban and hold of every channel are kept (a channel that comes back is still banned).
     */
    public void syncAllowlist(String account, Collection<Long> channelIds) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement allow = connection.prepareStatement("""
                            insert into account_channel (account, channel_id) values (?, ?)
                            on conflict (account, channel_id) do update set allowlisted = true""");
                    PreparedStatement drop = connection.prepareStatement("""
                            update account_channel set allowlisted = false
                            where account = ? and allowlisted and channel_id <> all (?)""")) {
                for (long channelId : channelIds) {
                    allow.setString(1, account);
                    allow.setLong(2, channelId);
                    allow.addBatch();
                }
                allow.executeBatch();
                drop.setString(1, account);
                drop.setArray(2, connection.createArrayOf("bigint", channelIds.toArray()));
                drop.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                Jdbc.rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failed("sync the allowlist of account " + account, e);
        }
    }

    private static StoreException failed(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
}
