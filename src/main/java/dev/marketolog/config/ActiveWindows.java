package dev.marketolog.config;

import java.util.List;
import java.util.stream.Collectors;

/** ACTIVE_WINDOWS: the local hours in which an account may write, e.g. {@code 5-10,18-24}. */
public record ActiveWindows(List<HourWindow> windows) {
    public ActiveWindows {
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("at least one window is needed");
        }
    }

    public static ActiveWindows of(HourWindow... windows) {
        return new ActiveWindows(List.of(windows));
    }

    public boolean containsHour(int hour) {
        return windows.stream().anyMatch(w -> w.contains(hour));
    }

    @Override
    public String toString() {
        return windows.stream().map(HourWindow::toString).collect(Collectors.joining(","));
    }
}
