package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AccountRepositoryTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant FIRST_START = Instant.parse("2026-03-01T08:00:00Z");

    private final AccountRepository accounts = new AccountRepository(db.dataSource(), InstantSource.fixed(FIRST_START));
    private final String name = "bot-" + UUID.randomUUID();

    @Test
    void upsertKeepsTheFirstCreationTime() throws SQLException {
        accounts.upsert(name);
        new AccountRepository(db.dataSource(), InstantSource.fixed(FIRST_START.plusSeconds(3600))).upsert(name);

        assertThat(createdAt()).isEqualTo(FIRST_START);
    }

    @Test
    void syncAddsNewChannelsAndMarksDroppedOnesWithoutLosingTheirState() throws SQLException {
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(-1001L, -1002L));
        db.run("update account_channel set banned_reason = 'CHAT_WRITE_FORBIDDEN', banned_at = '2026-03-01T09:00:00Z'"
                + " where account = '" + name + "' and channel_id = -1002");

        accounts.syncAllowlist(name, List.of(-1001L, -1003L));

        assertThat(channels()).containsExactly(
                channel(-1003L, true, Optional.empty()),
                channel(-1002L, false, Optional.of("CHAT_WRITE_FORBIDDEN")),
                channel(-1001L, true, Optional.empty()));
        assertThat(channels().get(1).bannedAt()).contains(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Test
    void aChannelThatComesBackIsAllowlistedAndStillBanned() throws SQLException {
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(-1001L));
        db.run("update account_channel set banned_reason = 'USER_BANNED_IN_CHANNEL', banned_at = now()"
                + " where account = '" + name + "'");
        accounts.syncAllowlist(name, List.of());

        accounts.syncAllowlist(name, List.of(-1001L));

        AccountChannel channel = channels().getFirst();
        assertThat(channel.allowlisted()).isTrue();
        assertThat(channel.bannedReason()).contains("USER_BANNED_IN_CHANNEL");
    }

    @Test
    void registerAddsEveryAccountAndSyncsEachAllowlistKeepingAnExistingAccountsState() throws SQLException {
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(-1001L, -1002L));
        db.run("update account_channel set banned_reason = 'CHAT_WRITE_FORBIDDEN', banned_at = '2026-03-01T09:00:00Z'"
                + " where account = '" + name + "' and channel_id = -1002");
        Map<String, List<Long>> allowlists = new LinkedHashMap<>();
        allowlists.put(name, List.of(-1001L, -1003L));
        for (int i = 0; i < 50; i++) {
            allowlists.put(name + "-" + i, List.of(-1001L - i, -2001L));
        }

        new AccountRepository(db.dataSource(), InstantSource.fixed(FIRST_START.plusSeconds(60))).register(allowlists);

        assertThat(createdAt()).isEqualTo(FIRST_START);
        assertThat(channels()).containsExactly(
                channel(-1003L, true, Optional.empty()),
                channel(-1002L, false, Optional.of("CHAT_WRITE_FORBIDDEN")),
                channel(-1001L, true, Optional.empty()));
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select count(distinct a.name), count(*) from account a join account_channel c on c.account = a.name"
                                + " where a.name like ? and c.allowlisted and a.created_at = ?")) {
            select.setString(1, name + "-%");
            select.setTimestamp(2, Timestamp.from(FIRST_START.plusSeconds(60)));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(50);
                assertThat(rows.getInt(2)).isEqualTo(100);
            }
        }
    }

    private Instant createdAt() throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("select created_at from account where name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("account %s is stored", name).isTrue();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    /** A row of {@code account_channel}, as the test reads it back. */
    private record AccountChannel(long channelId, boolean allowlisted, Optional<String> bannedReason,
            Optional<Instant> bannedAt, Optional<Instant> holdUntil) {}

    /** Every channel the account has or had on its allowlist, by channel id. */
    private List<AccountChannel> channels() throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select channel_id, allowlisted, banned_reason, banned_at, hold_until
                        from account_channel where account = ? order by channel_id""")) {
            select.setString(1, name);
            List<AccountChannel> channels = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    channels.add(new AccountChannel(
                            rows.getLong("channel_id"),
                            rows.getBoolean("allowlisted"),
                            Optional.ofNullable(rows.getString("banned_reason")),
                            instant(rows, "banned_at"),
                            instant(rows, "hold_until")));
                }
            }
            return channels;
        }
    }

    private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getTimestamp(column)).map(Timestamp::toInstant);
    }

    private static AccountChannel channel(long id, boolean allowlisted, Optional<String> bannedReason) {
        return new AccountChannel(id, allowlisted, bannedReason,
                bannedReason.map(reason -> Instant.parse("2026-03-01T09:00:00Z")), Optional.empty());
    }
}
