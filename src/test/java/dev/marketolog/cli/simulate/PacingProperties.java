package dev.marketolog.cli.simulate;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ActiveWindows;
import dev.marketolog.config.HourWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** Whatever the windows and however busy the channels, a week's comments spread over all the active windows. */
class PacingProperties {

    /** At least this many active hours, so that 40 a day fit under 8 an hour with room to spare. */
    private static final int MIN_ACTIVE_HOURS = 8;

    // each try simulates a week (70 ms once warm, ten times that on a busy machine): 25 stay well under a minute
    @Property(tries = 25)
    void everyWindowGetsItsShareOfTheDaysComments(
            @ForAll("windows") ActiveWindows windows,
            @ForAll @DoubleRange(min = 4, max = 12) double postsPerDay,
            @ForAll long seed) {
        AccountSettings account = PacingTest.account(windows);

        DaySpread.assertSpreadOverTheWindows(PacingTest.week(account, seed, postsPerDay), account);
    }

    /** A day of 36 comments whose three other sends met posts deleted just before: 39 sends spent the cap of 40. */
    @Example
    void aDayWhoseSendsMetDeletedPostsStillSpentItsBudget() {
        AccountSettings account = PacingTest.account(ActiveWindows.of(new HourWindow(3, 15)));

        DaySpread.assertSpreadOverTheWindows(PacingTest.week(account, -73, 4.08), account);
    }

    /** One to three separate windows, from the sorted boundaries 0-24 taken in pairs. */
    @Provide
    Arbitrary<ActiveWindows> windows() {
        return Arbitraries.integers().between(0, 24).set().ofMinSize(2).ofMaxSize(6)
                .map(PacingProperties::windowsFrom)
                .filter(w -> w.windows().stream().mapToInt(h -> h.endHour() - h.startHour()).sum() >= MIN_ACTIVE_HOURS);
    }

    private static ActiveWindows windowsFrom(Set<Integer> boundaries) {
        List<Integer> sorted = boundaries.stream().sorted().toList();
        List<HourWindow> windows = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i += 2) {
            windows.add(new HourWindow(sorted.get(i), sorted.get(i + 1)));
        }
        return new ActiveWindows(windows);
    }
}
