package dev.marketolog.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.InstantSource;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The console's view of the accounts: what the process knows of each ({@link AccountLive}) joined with the stored state
 * of all of them, read in three queries whatever the number of accounts.
 */
public final class AccountOverview {

    private final Supplier<List<AccountLive>> live;
    private final AccountBoard board;
    private final InstantSource clock;

    /** @param live the accounts of this process in configuration order ({@link Fleet#live()}) */
    public AccountOverview(Supplier<List<AccountLive>> live, AccountBoard board, InstantSource clock) {
        this.live = live;
        this.board = board;
        this.clock = clock;
    }

    /** Every account, in configuration order. */
    public List<AccountDetail> accounts() {
        return details(live.get());
    }

    /** The account of that name, when this process has it. */
    public Optional<AccountDetail> account(String name) {
        return live.get().stream().filter(account -> account.name().equals(name)).findFirst()
                .map(account -> details(List.of(account)).getFirst());
    }

    private List<AccountDetail> details(List<AccountLive> accounts) {
        Instant now = clock.instant();
        List<String> names = accounts.stream().map(AccountLive::name).toList();
        Map<String, Integer> counted = board.countedSince(
                accounts.stream().collect(Collectors.toMap(AccountLive::name, AccountLive::dayStart)));
        Map<String, AccountState> states = board.accountStates(names);
        Map<String, Map<Long, ChannelState>> channels = board.channelStates(names);
        return accounts.stream().map(account -> {
            AccountState state = states.getOrDefault(account.name(), AccountState.FRESH);
            Map<Long, ChannelState> held = channels.getOrDefault(account.name(), Map.of());
            List<ChannelStatus> channelStatus = account.allowlist().stream()
                    .map(id -> ChannelStatus.of(id, Optional.ofNullable(account.channels().get(id)),
                            held.getOrDefault(id, ChannelState.OPEN), now))
                    .toList();
            return new AccountDetail(account.name(), account.state(), account.dryRun(),
                    counted.getOrDefault(account.name(), 0), account.dailyLimit(), account.nextLook(),
                    state.spamBlockUntil().filter(now::isBefore), state.floodWaitUntil().filter(now::isBefore),
                    channelStatus, account.failures());
        }).toList();
    }
}
