package dev.marketolog.web.console.panel;

import dev.marketolog.engine.JournalSearch.JournalRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal page: a page of rows matching the filter, newest first.
 *
 * @param params   the filter's parameters as the operator typed them, to fill the form again
 * @param problems the parameters that are wrong (then no rows are shown)
 * @param nextUrl  the link to the next (older) page, when there is one
 * @param csvUrl   the link that exports every row matching the filter as CSV
 */
public record JournalView(
        List<JournalRow> rows,
        Map<String, String> params,
        List<String> problems,
        Optional<String> nextUrl,
        String csvUrl,
        String csrf) {

    public JournalView {
        rows = List.copyOf(rows);
        params = Map.copyOf(params);
        problems = List.copyOf(problems);
    }

    /** The value the form shows for {@code name}. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }
}
