package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.instant;
import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.engine.ChannelState;
import dev.marketolog.engine.ChannelStateStore;
import dev.marketolog.engine.Notification;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Ban lists and slow-mode holds in PostgreSQL's {@code account_channel} table. */
public final class JdbcChannelStateStore implements ChannelStateStore {

    private record Row(long channelId, ChannelState state) {}

    private final Jdbc jdbc;

    public JdbcChannelStateStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Map<Long, ChannelState> load(String account) {
        return jdbc.query("read the channels of " + account, """
                select channel_id, banned_reason, hold_until from account_channel
                where account = ? and (banned_reason is not null or hold_until is not null)""",
                s -> s.setString(1, account),
                row -> new Row(row.getLong("channel_id"),
                        new ChannelState(Optional.ofNullable(row.getString("banned_reason")), instant(row, "hold_until"))))
                .stream().collect(Collectors.toUnmodifiableMap(Row::channelId, Row::state));
    }

    @Override
    public void ban(String account, long channelId, String reason, Instant at) {
        jdbc.transaction("ban channel " + channelId + " for " + account, connection -> {
            ban(connection, account, channelId, reason, at);
            return null;
        });
    }

    /** Puts the channel on the account's ban list inside the caller's transaction, with its notification. */
    static void ban(Connection connection, String account, long channelId, String reason, Instant at) throws SQLException {
        JdbcOutbox.add(connection, Notification.channelBanned(account, channelId, reason, at));
        Jdbc.update(connection, """
                insert into account_channel (account, channel_id, banned_reason, banned_at) values (?, ?, ?, ?)
                on conflict (account, channel_id) do update set banned_reason = excluded.banned_reason,
                    banned_at = excluded.banned_at""",
                s -> {
                    s.setString(1, account);
                    s.setLong(2, channelId);
                    s.setString(3, reason);
                    s.setTimestamp(4, timestamp(at));
                });
    }

    @Override
    public void clearBan(String account, long channelId) {
        jdbc.update("clear the ban of channel " + channelId + " for " + account,
                "update account_channel set banned_reason = null, banned_at = null where account = ? and channel_id = ?",
                s -> {
                    s.setString(1, account);
                    s.setLong(2, channelId);
                });
    }

    @Override
    public void hold(String account, long channelId, Instant until) {
        jdbc.transaction("hold channel " + channelId + " for " + account, connection -> {
            hold(connection, account, channelId, until);
            return null;
        });
    }

    /** Holds the channel for the account inside the caller's transaction. */
    static void hold(Connection connection, String account, long channelId, Instant until) throws SQLException {
        Jdbc.update(connection, """
                insert into account_channel (account, channel_id, hold_until) values (?, ?, ?)
                on conflict (account, channel_id) do update set hold_until = excluded.hold_until""",
                s -> {
                    s.setString(1, account);
                    s.setLong(2, channelId);
                    s.setTimestamp(3, timestamp(until));
                });
    }
}
