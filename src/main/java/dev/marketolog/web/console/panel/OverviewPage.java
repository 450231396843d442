package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountDetail;
import dev.marketolog.engine.NotificationStatus;
import java.util.List;

/**
 * What the overview shows: every account, the fleet's totals, how many drafts wait for review, how the notifications
 * fare, and the session's CSRF token for its buttons.
 */
public record OverviewPage(List<AccountDetail> accounts, FleetTotals totals, int reviewWaiting,
        NotificationStatus notifications, String csrf) {
    public OverviewPage {
        accounts = List.copyOf(accounts);
    }
}
