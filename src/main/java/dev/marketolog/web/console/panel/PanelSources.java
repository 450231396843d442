package dev.marketolog.web.console.panel;

import dev.marketolog.engine.CommentsPerDay;
import dev.marketolog.engine.ReviewDesk;
import dev.marketolog.web.console.ConsoleServices;
import java.util.Objects;

/**
 * What the panel's pages read and change, handed over once the database and the accounts have started (HTTP listens
 * before them): the services the admin API calls, so a rule lives in one place, the chart's counts and the review queue.
 */
public record PanelSources(ConsoleServices console, CommentsPerDay perDay, ReviewDesk reviews) {
    public PanelSources {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(perDay, "perDay");
        Objects.requireNonNull(reviews, "reviews");
    }
}
