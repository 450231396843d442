package dev.marketolog.web.console.panel;

import dev.marketolog.engine.CommentsPerDay;
import dev.marketolog.web.console.ConsoleServices;
import java.util.Objects;

/**
 * What the panel's pages read and change, handed over once the database and the accounts have started (HTTP listens
 * before them): the services the admin API calls, so a rule lives in one place, and the chart's counts.
 */
public record PanelSources(ConsoleServices console, CommentsPerDay perDay) {
    public PanelSources {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(perDay, "perDay");
    }
}
