package dev.marketolog.config;

/** One active window in local hours, {@code [startHour, endHour)}: 0 ≤ start < end ≤ 24. */
public record HourWindow(int startHour, int endHour) {
    public HourWindow {
        if (startHour < 0 || endHour > 24 || startHour >= endHour) {
            throw new IllegalArgumentException("hours must be 0-24 with start < end, got " + startHour + "-" + endHour);
        }
    }

    public boolean contains(int hour) {
        return hour >= startHour && hour < endHour;
    }

    @Override
    public String toString() {
        return startHour + "-" + endHour;
    }
}
