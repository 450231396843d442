package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountOverview;
import dev.marketolog.engine.CommentsPerDay;
import dev.marketolog.engine.JournalSearch;
import dev.marketolog.engine.ReviewDesk;
import java.util.Objects;

/**
 * What the panel's pages read and change, handed over once the database and the accounts have started (HTTP listens
 * before them): the same ports the admin API uses, so a rule lives in one place.
 */
public record PanelSources(AccountOverview accounts, AccountControl control, JournalSearch journal, CommentsPerDay perDay,
        ReviewDesk reviews) {
    public PanelSources {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(perDay, "perDay");
        Objects.requireNonNull(reviews, "reviews");
    }
}
