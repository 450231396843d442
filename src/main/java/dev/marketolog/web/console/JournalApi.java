package dev.marketolog.web.console;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.CommentStatus;
import dev.marketolog.engine.JournalSearch;
import dev.marketolog.engine.JournalSearch.Filter;
import dev.marketolog.engine.JournalSearch.JournalPage;
import dev.marketolog.engine.JournalSearch.JournalQuery;
import dev.marketolog.engine.JournalSearch.JournalRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal: {@code GET /api/v1/journal} a page at a time with an opaque cursor, {@code GET /api/v1/journal.csv}
 * everything the filters match, streamed. Both take the filters {@code account}, {@code channel}, {@code status},
 * {@code branch}, {@code from} (inclusive) and {@code to} (exclusive).
 */
public final class JournalApi {

    static final List<String> CSV_HEADER = List.of("id", "at", "account", "channel_id", "post_id", "branch", "status",
            "text", "link", "error", "discussion_chat_id", "message_id", "deleted_at");

    private static final Logger log = LoggerFactory.getLogger(JournalApi.class);
    private static final int DEFAULT_PAGE = 50;

    private final Supplier<ConsoleServices> services;

    JournalApi(Supplier<ConsoleServices> services) {
        this.services = services;
    }

    void addTo(RoutesConfig routes) {
        routes.get(AdminApi.PREFIX + "/journal", this::page);
        routes.get(AdminApi.PREFIX + "/journal.csv", this::csv);
    }

    private void page(Context ctx) {
        JournalPage page = services.get().journal().page(query(ctx, DEFAULT_PAGE));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rows", page.rows().stream().map(JournalRowJson::of).toList());
        body.put("next_cursor", page.next().map(JournalCursor::encode).orElse(null));
        ctx.json(body);
    }

    private void csv(Context ctx) throws IOException {
        exportCsv(ctx, services.get().journal(), filter(ctx));
    }

    /**
     * The page the request's parameters ask for (the filters, {@code cursor}, {@code limit}), read as the API reads them;
     * the panel's journal reads its parameters here too.
     *
     * @throws ApiException 400 naming every wrong parameter
     */
    public static JournalQuery query(Context ctx, int defaultLimit) {
        QueryParams params = new QueryParams(ctx);
        Filter filter = filter(params);
        var after = params.parsed("cursor", "a cursor from a previous page's next_cursor", JournalCursor::decode);
        int limit = params.limit(defaultLimit, JournalQuery.MAX_LIMIT);
        params.done();
        return new JournalQuery(filter, after, limit);
    }

    /**
     * The request's filters alone.
     *
     * @throws ApiException 400 naming every wrong parameter
     */
    public static Filter filter(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        Filter filter = filter(params);
        params.done();
        return filter;
    }

    /** The value of the {@code cursor} parameter that asks for the page after the one that ended at {@code next}. */
    public static String cursor(JournalSearch.Cursor next) {
        return JournalCursor.encode(next);
    }

    /** Every row {@code filter} matches as CSV, streamed as it is read (the API's export and the panel's). */
    public static void exportCsv(Context ctx, JournalSearch journal, Filter filter) throws IOException {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"journal.csv\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            Csv csv = new Csv(out);
            csv.row(CSV_HEADER.stream().<Csv.Cell>map(Csv.Plain::new).toList());
            journal.export(filter, row -> csv.row(cells(row)));
        } catch (UncheckedIOException e) {
            // the client went away mid-download; nothing to answer
            log.debug("Console: the journal export ended early: {}", e.getMessage());
        }
    }

    static List<Csv.Cell> cells(JournalRow row) {
        return List.of(
                plain(row.id()), new Csv.Plain(row.at().toString()), new Csv.Text(row.account()), plain(row.channelId()),
                plain(row.postId()), new Csv.Plain(row.branch().code()), new Csv.Plain(row.status().code()),
                new Csv.Text(row.text().orElse("")), new Csv.Text(row.link().orElse("")), new Csv.Text(row.error().orElse("")),
                new Csv.Plain(row.discussionChatId().map(String::valueOf).orElse("")),
                new Csv.Plain(row.messageId().map(String::valueOf).orElse("")),
                new Csv.Plain(row.deletedAt().map(Instant::toString).orElse("")));
    }

    private static Csv.Cell plain(long value) {
        return new Csv.Plain(String.valueOf(value));
    }

    private static Filter filter(QueryParams params) {
        Optional<Instant> from = params.instant("from");
        Optional<Instant> to = params.instant("to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            params.problem("to", to.get().toString(), "a time after from (" + from.get() + ")");
        }
        return new Filter(
                params.text("account"),
                params.longValue("channel"),
                params.parsed("status", "one of " + codes(CommentStatus.values()), raw -> CommentStatus.ofCode(raw.toLowerCase(Locale.ROOT))),
                params.parsed("branch", "one of " + codes(Branch.values()), raw -> Branch.valueOf(raw.toUpperCase(Locale.ROOT))),
                from,
                to);
    }

    private static String codes(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
