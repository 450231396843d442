package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
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
    void upsertKeepsTheFirstCreationTime() {
        accounts.upsert(name);
        new AccountRepository(db.dataSource(), InstantSource.fixed(FIRST_START.plusSeconds(3600))).upsert(name);

        assertThat(summary().createdAt()).isEqualTo(FIRST_START);
    }

    @Test
    void syncAddsNewChannelsAndMarksDroppedOnesWithoutLosingTheirState() throws SQLException {
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(-1001L, -1002L));
        execute("update account_channel set banned_reason = 'CHAT_WRITE_FORBIDDEN', banned_at = '2026-03-01T09:00:00Z'"
                + " where account = '" + name + "' and channel_id = -1002");

        accounts.syncAllowlist(name, List.of(-1001L, -1003L));

        assertThat(accounts.channels(name)).containsExactly(
                channel(-1003L, true, Optional.empty()),
                channel(-1002L, false, Optional.of("CHAT_WRITE_FORBIDDEN")),
                channel(-1001L, true, Optional.empty()));
        assertThat(accounts.channels(name).get(1).bannedAt()).contains(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Test
    void aChannelThatComesBackIsAllowlistedAndStillBanned() throws SQLException {
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(-1001L));
        execute("update account_channel set banned_reason = 'USER_BANNED_IN_CHANNEL', banned_at = now()"
                + " where account = '" + name + "'");
        accounts.syncAllowlist(name, List.of());

        accounts.syncAllowlist(name, List.of(-1001L));

        AccountChannel channel = accounts.channels(name).getFirst();
        assertThat(channel.allowlisted()).isTrue();
        assertThat(channel.bannedReason()).contains("USER_BANNED_IN_CHANNEL");
    }

    @Test
    void listShowsDefaultsForAnAccountTheEngineHasNotTouched() {
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(-1001L, -1002L));

        assertThat(summary()).isEqualTo(
                new AccountSummary(name, FIRST_START, Optional.empty(), Optional.empty(), 0, 0, 2, 0));
    }

    @Test
    void listShowsStoredStateAndCountsOnlyAllowlistedBans() throws SQLException {
        accounts.upsert(name);
        accounts.syncAllowlist(name, List.of(-1001L, -1002L, -1003L));
        execute("update account_channel set banned_reason = 'CHANNEL_PRIVATE' where account = '" + name
                + "' and channel_id in (-1001, -1002)");
        accounts.syncAllowlist(name, List.of(-1001L, -1003L));
        execute("insert into account_state (account, spam_block_until, serious_streak, cooldown_level, updated_at)"
                + " values ('" + name + "', '2026-03-02T00:00:00Z', 3, 1, now())");

        assertThat(summary()).isEqualTo(new AccountSummary(
                name, FIRST_START, Optional.of(Instant.parse("2026-03-02T00:00:00Z")), Optional.empty(), 3, 1, 2, 1));
    }

    private AccountSummary summary() {
        return accounts.list().stream().filter(account -> account.name().equals(name)).findFirst().orElseThrow();
    }

    private static AccountChannel channel(long id, boolean allowlisted, Optional<String> bannedReason) {
        return new AccountChannel(id, allowlisted, bannedReason,
                bannedReason.map(reason -> Instant.parse("2026-03-01T09:00:00Z")), Optional.empty());
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
