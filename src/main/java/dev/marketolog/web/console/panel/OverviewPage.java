package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountDetail;
import java.util.List;

/** What the overview shows: every account and the fleet's totals, and the session's CSRF token for its buttons. */
public record OverviewPage(List<AccountDetail> accounts, FleetTotals totals, String csrf) {
    public OverviewPage {
        accounts = List.copyOf(accounts);
    }
}
