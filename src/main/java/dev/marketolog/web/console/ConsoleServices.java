package dev.marketolog.web.console;

import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountOverview;
import dev.marketolog.engine.ChannelAnalytics;
import dev.marketolog.engine.InstanceBoard;
import dev.marketolog.engine.JournalSearch;
import dev.marketolog.engine.NotificationStatus;
import java.util.Objects;

/**
 * What the console reads and changes, available once the database and the accounts have started. The API and the
 * panel call the same services, so a rule lives in one place.
 */
public record ConsoleServices(AccountOverview accounts, JournalSearch journal, AccountControl control,
        ChannelAnalytics channels, NotificationStatus.Source notifications, InstanceBoard instances) {
    public ConsoleServices {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(instances, "instances");
    }
}
