package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.instant;

import dev.marketolog.engine.AccountBoard;
import dev.marketolog.engine.AccountState;
import dev.marketolog.engine.ChannelState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Many accounts' stored state in one query each: the account names (and their day starts) go in as arrays, so the
 * console's overview of a thousand accounts costs three statements, not three thousand, each its own round trip
 * (no BEGIN and COMMIT around a single read).
 */
public final class JdbcAccountBoard implements AccountBoard {

    /**
     * Each account's counted rows since its own time: comment_account_counting (V6), one range per account read from the
     * index alone. The times go in as text: the driver formats a timestamp array element by element through a
     * Calendar, which for a thousand accounts cost more than the count.
     */
    static final String COUNTED_SINCE = """
            select a.account, (select count(*) from comment c
                               where c.account = a.account and c.counted_at >= a.since and\s""" + JdbcJournal.COUNTS + """
            ) as counted
            from unnest(?::text[], ?::text[]::timestamptz[]) as a(account, since)""";

    private final Jdbc jdbc;

    public JdbcAccountBoard(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    private record Counted(String account, int count) {}

    private record StateRow(String account, AccountState state) {}

    private record ChannelRow(String account, long channelId, ChannelState state) {}

    @Override
    public Map<String, Integer> countedSince(Map<String, Instant> since) {
        List<Map.Entry<String, Instant>> entries = List.copyOf(since.entrySet());
        List<Counted> rows = jdbc.query("count today's comments of " + entries.size() + " accounts", COUNTED_SINCE, s -> {
            s.setArray(1, s.getConnection().createArrayOf("text", entries.stream().map(Map.Entry::getKey).toArray()));
            s.setArray(2, s.getConnection().createArrayOf("text", entries.stream().map(e -> e.getValue().toString()).toArray()));
        }, row -> new Counted(row.getString("account"), row.getInt("counted")));
        return rows.stream().collect(Collectors.toUnmodifiableMap(Counted::account, Counted::count));
    }

    @Override
    public Map<String, AccountState> accountStates(Collection<String> accounts) {
        List<StateRow> rows = jdbc.query("read the states of " + accounts.size() + " accounts", """
                select account, spam_block_until, serious_streak, cooldown_level, last_spam_block_at, flood_wait_until
                from account_state where account = any(?)""",
                s -> s.setArray(1, s.getConnection().createArrayOf("text", accounts.toArray())),
                row -> new StateRow(row.getString("account"), new AccountState(instant(row, "spam_block_until"),
                        row.getInt("serious_streak"), row.getInt("cooldown_level"),
                        instant(row, "last_spam_block_at"), instant(row, "flood_wait_until"))));
        return rows.stream().collect(Collectors.toUnmodifiableMap(StateRow::account, StateRow::state));
    }

    @Override
    public Map<String, Map<Long, ChannelState>> channelStates(Collection<String> accounts) {
        List<ChannelRow> rows = jdbc.query("read the channels of " + accounts.size() + " accounts", """
                select account, channel_id, banned_reason, hold_until from account_channel
                where account = any(?) and (banned_reason is not null or hold_until is not null)""",
                s -> s.setArray(1, s.getConnection().createArrayOf("text", accounts.toArray())),
                row -> new ChannelRow(row.getString("account"), row.getLong("channel_id"),
                        new ChannelState(Optional.ofNullable(row.getString("banned_reason")), instant(row, "hold_until"))));
        return rows.stream().collect(Collectors.groupingBy(ChannelRow::account,
                Collectors.toUnmodifiableMap(ChannelRow::channelId, ChannelRow::state)));
    }
}
