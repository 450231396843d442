package dev.marketolog.web.console.panel;

import dev.marketolog.engine.RunState;
import dev.marketolog.web.AccountStatus;
import java.time.Instant;
import java.util.List;

/**
 * The overview's sums over every account.
 *
 * @param blocked accounts under a spam block or a flood wait now
 */
public record FleetTotals(int accounts, int running, int paused, int blocked, int sentToday, int dailyLimit) {

    static FleetTotals of(List<AccountStatus> accounts, Instant now) {
        int running = 0;
        int paused = 0;
        int blocked = 0;
        int sent = 0;
        int limit = 0;
        for (AccountStatus account : accounts) {
            running += account.state() == RunState.RUNNING ? 1 : 0;
            paused += account.state() == RunState.PAUSED ? 1 : 0;
            boolean waiting = account.spamBlockUntil().filter(now::isBefore).isPresent()
                    || account.floodWaitUntil().filter(now::isBefore).isPresent();
            blocked += waiting ? 1 : 0;
            sent += account.sentToday();
            limit += account.dailyLimit();
        }
        return new FleetTotals(accounts.size(), running, paused, blocked, sent, limit);
    }
}
