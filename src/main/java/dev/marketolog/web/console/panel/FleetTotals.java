package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountDetail;
import dev.marketolog.engine.RunState;
import java.util.List;

/**
 * The overview's sums over every account.
 *
 * @param blocked accounts under a spam block or a flood wait now
 */
public record FleetTotals(int accounts, int running, int paused, int blocked, int sentToday, int dailyLimit) {

    static FleetTotals of(List<AccountDetail> accounts) {
        int running = 0;
        int paused = 0;
        int blocked = 0;
        int sent = 0;
        int limit = 0;
        for (AccountDetail account : accounts) {
            running += account.state() == RunState.RUNNING ? 1 : 0;
            paused += account.state() == RunState.PAUSED ? 1 : 0;
            // the overview reads only waits still running: both are empty once they are over
            blocked += account.spamBlockUntil().isPresent() || account.floodWaitUntil().isPresent() ? 1 : 0;
            sent += account.sentToday();
            limit += account.dailyLimit();
        }
        return new FleetTotals(accounts.size(), running, paused, blocked, sent, limit);
    }
}
