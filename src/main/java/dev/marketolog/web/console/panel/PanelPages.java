package dev.marketolog.web.console.panel;

import dev.marketolog.config.ConfigProblem;
import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountDetail;
import dev.marketolog.engine.InstanceRegistry;
import dev.marketolog.engine.JournalSearch;
import dev.marketolog.engine.JournalSearch.JournalPage;
import dev.marketolog.web.console.ApiException;
import dev.marketolog.web.console.ChannelsApi;
import dev.marketolog.web.console.ConsoleServices;
import dev.marketolog.web.console.JournalApi;
import dev.marketolog.web.console.RecentValues;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The panel's pages, each read from the same ports the admin API reads; the templates do all the formatting. The chart
 * and the channels page aggregate weeks of journal: they are kept and may be up to a minute old ({@link RecentValues}).
 */
final class PanelPages {

    /** Javalin's html() says text/html without a charset; the pages hold Cyrillic. */
    private static final String HTML = "text/html; charset=utf-8";
    private static final int JOURNAL_PAGE = 100;
    private static final int RECENT_COMMENTS = 20;
    private static final int AUDIT_PAGE = 100;
    private static final List<String> JOURNAL_PARAMS = List.of("account", "channel", "status", "branch", "from", "to");

    private final Supplier<PanelSources> sources;
    private final PanelTemplates templates;
    private final InstantSource clock;
    // aggregates of weeks of journal, up to a minute old, by their first day
    private final RecentValues<LocalDate, CommentsChart> charts = new RecentValues<>("the overview's chart", this::chart);
    private final RecentValues<LocalDate, List<ChannelsPage.Row>> channelRows =
            new RecentValues<>("the channels page", this::channelRows);

    PanelPages(Supplier<PanelSources> sources, PanelTemplates templates, InstantSource clock) {
        this.sources = sources;
        this.templates = templates;
        this.clock = clock;
    }

    void overview(Context ctx, PanelSession session) {
        html(ctx, "overview.jte", overviewPage(session));
    }

    /** The overview's accounts and totals alone, which the page's script fetches every few seconds. */
    void overviewAccounts(Context ctx, PanelSession session) {
        html(ctx, "partial/overviewAccounts.jte", overviewPage(session));
    }

    private OverviewPage overviewPage(PanelSession session) {
        List<AccountDetail> accounts = sources.get().console().accounts().accounts();
        return new OverviewPage(accounts, FleetTotals.of(accounts), sources.get().reviews().pending().size(),
                sources.get().console().notifications().notificationStatus(), session.csrfToken());
    }

    void chart(Context ctx, PanelSession session) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        ctx.json(charts.get(today.minusDays(CommentsChart.DAYS - 1)));
    }

    private CommentsChart chart(LocalDate first) {
        PanelSources from = sources.get();
        List<String> accounts = from.console().accounts().accounts().stream().map(AccountDetail::name).toList();
        return CommentsChart.of(from.perDay().since(accounts, first.atStartOfDay().toInstant(ZoneOffset.UTC)),
                first.plusDays(CommentsChart.DAYS - 1));
    }

    void account(Context ctx, PanelSession session) {
        Optional<String> notice = Optional.ofNullable(ctx.queryParam("done"));
        html(ctx, "account.jte", accountPage(ctx.pathParam("account"), Map.of(), List.of(), notice, session));
    }

    /**
     * The account's page; {@code submitted} and {@code problems} are a rejected form's, shown again with each problem
     * next to its field.
     */
    AccountPage accountPage(String account, Map<String, String> submitted, List<ConfigProblem> problems,
            Optional<String> notice, PanelSession session) {
        ConsoleServices from = sources.get().console();
        return switch (from.control().settings(account)) {
            case AccountControl.EffectiveSettings effective -> {
                JournalSearch.Filter mine = new JournalSearch.Filter(Optional.of(account), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
                JournalPage recent = from.journal().page(new JournalSearch.JournalQuery(mine, Optional.empty(), RECENT_COMMENTS));
                yield new AccountPage(account, from.accounts().account(account), effective.settings(), recent.rows(),
                        submitted, problems, notice, session.csrfToken());
            }
            case AccountControl.UnknownAccount _ -> throw new NotFoundResponse("No account is named " + account + ".");
        };
    }

    void journal(Context ctx, PanelSession session) {
        Map<String, String> typed = new LinkedHashMap<>();
        JOURNAL_PARAMS.forEach(name -> Optional.ofNullable(ctx.queryParam(name)).filter(value -> !value.isBlank())
                .ifPresent(value -> typed.put(name, value)));
        String filters = typed.entrySet().stream()
                .map(param -> param.getKey() + "=" + PanelFormat.query(param.getValue()))
                .collect(Collectors.joining("&"));
        String csvUrl = "/journal.csv" + (filters.isEmpty() ? "" : "?" + filters);
        try {
            JournalPage page = sources.get().console().journal().page(JournalApi.query(ctx, JOURNAL_PAGE));
            Optional<String> next = page.next().map(cursor -> "/journal?" + (filters.isEmpty() ? "" : filters + "&")
                    + "cursor=" + PanelFormat.query(JournalApi.cursor(cursor)));
            html(ctx, "journal.jte", new JournalView(page.rows(), typed, List.of(), next, csvUrl, session.csrfToken()));
        } catch (ApiException e) {
            ctx.status(e.status());
            List<String> problems = e.problems().stream()
                    .map(problem -> problem.field() + "=" + problem.value() + ": expected " + problem.expected())
                    .toList();
            html(ctx, "journal.jte", new JournalView(List.of(), typed, problems, Optional.empty(), csvUrl, session.csrfToken()));
        }
    }

    /** Every row the filter matches as CSV, as the API exports it. */
    void journalCsv(Context ctx, PanelSession session) throws IOException {
        JournalSearch.Filter filter;
        try {
            filter = JournalApi.filter(ctx);
        } catch (ApiException e) {
            throw new BadRequestResponse(e.problems().stream()
                    .map(problem -> problem.field() + "=" + problem.value() + ": expected " + problem.expected())
                    .collect(Collectors.joining("; ")));
        }
        JournalApi.exportCsv(ctx, sources.get().console().journal(), filter);
    }

    void channels(Context ctx, PanelSession session) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(ChannelsPage.DAYS - 1);
        List<LocalDate> days = first.datesUntil(today.plusDays(1)).toList();
        html(ctx, "channels.jte", new ChannelsPage(days, channelRows.get(first), session.csrfToken()));
    }

    private List<ChannelsPage.Row> channelRows(LocalDate first) {
        ConsoleServices from = sources.get().console();
        Map<Long, String> titles = ChannelsApi.titles(from.accounts().accounts());
        return from.channels().since(first.atStartOfDay().toInstant(ZoneOffset.UTC)).stream()
                .map(activity -> new ChannelsPage.Row(Optional.ofNullable(titles.get(activity.channelId())), activity))
                .toList();
    }

    void instances(Context ctx, PanelSession session) {
        html(ctx, "instances.jte", new InstancesPage(sources.get().console().instances().read(), clock.instant(),
                InstanceRegistry.LIVE_WITHIN.toSeconds(), session.csrfToken()));
    }

    void audit(Context ctx, PanelSession session) {
        Optional<String> account = Optional.ofNullable(ctx.queryParam("account")).filter(name -> !name.isBlank());
        Optional<Long> before = Optional.ofNullable(ctx.queryParam("before")).map(PanelPages::auditCursor);
        AccountControl.AuditPage audit = sources.get().console().control().audit(new AccountControl.AuditQuery(account, before, AUDIT_PAGE));
        html(ctx, "audit.jte", new AuditLogPage(audit.entries(), account, audit.next(), session.csrfToken()));
    }

    private static long auditCursor(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("before=" + value + ": expected the cursor of the previous page");
        }
    }

    void html(Context ctx, String template, Object model) {
        ctx.contentType(HTML).result(templates.render(template, model));
    }

    void html(Context ctx, String template, Map<String, Object> model) {
        ctx.contentType(HTML).result(templates.render(template, model));
    }
}
