package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountControl.AuditEntry;
import java.util.List;
import java.util.Optional;

/**
 * A page of the audit log, newest first.
 *
 * @param account the account filter, when one is set
 * @param next    the cursor of the next (older) page, when there is one
 */
public record AuditLogPage(List<AuditEntry> entries, Optional<String> account, Optional<Long> next, String csrf) {
    public AuditLogPage {
        entries = List.copyOf(entries);
    }

    /** The link to the next (older) page, keeping the filter. */
    public String nextUrl() {
        return "/audit?" + account.map(name -> "account=" + PanelFormat.query(name) + "&").orElse("") + "before=" + next.orElseThrow();
    }
}
