package dev.marketolog.web.console.panel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.engine.CommentsPerDay.DayCount;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CommentsChartTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-03");

    @Test
    void fourteenDaysEndingTodayWithZerosWhereNothingWasSent() {
        CommentsChart chart = CommentsChart.of(List.of(new DayCount("anna", TODAY, 5), new DayCount("anna", TODAY.minusDays(13), 2)), TODAY);

        assertThat(chart.days()).hasSize(14).first().isEqualTo(TODAY.minusDays(13).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
        assertThat(chart.series()).singleElement().satisfies(line -> {
            assertThat(line.account()).isEqualTo("anna");
            assertThat(line.counts()).hasSize(14).startsWith(2).endsWith(5).containsOnly(0, 2, 5);
        });
    }

    @Test
    void daysOutsideTheWindowAreLeftOut() {
        CommentsChart chart = CommentsChart.of(List.of(new DayCount("anna", TODAY.minusDays(14), 9)), TODAY);

        assertThat(chart.series()).isEmpty();
    }

    @Test
    void theBusiestAccountsGetALineEachAndTheRestOneTogether() {
        List<DayCount> counts = new ArrayList<>();
        IntStream.rangeClosed(1, 10).forEach(i -> counts.add(new DayCount("a" + i, TODAY, i)));
        Collections.shuffle(counts);

        CommentsChart chart = CommentsChart.of(counts, TODAY);

        assertThat(chart.series()).extracting(CommentsChart.Series::account)
                .containsExactly("a10", "a9", "a8", "a7", "a6", "a5", "a4", "a3", CommentsChart.OTHERS);
        assertThat(chart.series().getLast().counts().getLast()).as("a1 and a2 together").isEqualTo(3);
    }
}
