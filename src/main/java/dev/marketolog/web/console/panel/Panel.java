package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountControl.Actor;
import dev.marketolog.web.AccountStatus;
import dev.marketolog.web.WebModule;
import dev.marketolog.web.console.ConsoleAuth;
import dev.marketolog.web.console.SignIn;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.SameSite;
import io.javalin.http.ServiceUnavailableResponse;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web panel at {@code /}: the login form, then the pages. A browser signs in with ADMIN_TOKEN (the API's check and
 * throttle) and gets a session cookie (HttpOnly, SameSite=Strict, Secure behind https); every form that changes
 * something carries the session's CSRF token, and one without it is 403.
 */
public final class Panel implements WebModule {

    static final String COOKIE = "marketolog_session";
    static final String CSRF_FIELD = "csrf";
    private static final int AUDIT_PAGE = 100;
    /** Javalin's html() says text/html without a charset; the pages hold Cyrillic. */
    private static final String HTML = "text/html; charset=utf-8";

    private final ConsoleAuth auth;
    private final PanelSessions sessions;
    private final InstantSource clock;
    private final boolean secureCookie;
    private final PanelTemplates templates = new PanelTemplates();
    private final PanelAssets assets = new PanelAssets();
    private volatile Optional<PanelSources> sources = Optional.empty();

    /**
     * @param secureCookie whether the cookie is marked Secure: HTTP_PUBLIC_URL is https (a browser would not send a
     *                     Secure cookie back over plain http)
     */
    public Panel(ConsoleAuth auth, PanelSessions sessions, InstantSource clock, boolean secureCookie) {
        this.auth = auth;
        this.sessions = sessions;
        this.clock = clock;
        this.secureCookie = secureCookie;
    }

    /** From now on the pages answer from {@code sources}; until then they say the service is starting (503). */
    public void serve(PanelSources sources) {
        this.sources = Optional.of(sources);
    }

    private PanelSources started() {
        return sources.orElseThrow(() -> new ServiceUnavailableResponse("The service is starting: reload in a few seconds."));
    }

    @Override
    public void configure(JavalinConfig config) {
        assets.register(config);
        config.routes.get("/", this::home);
        config.routes.post("/login", this::login);
        config.routes.post("/logout", action(this::logout));
        config.routes.get("/overview/accounts", fragment(this::overviewAccounts));
        config.routes.get("/accounts/{account}", page(this::account));
        config.routes.post("/accounts/{account}/pause", action((ctx, session) -> command(ctx, AccountControl::pause, "paused")));
        config.routes.post("/accounts/{account}/resume",
                action((ctx, session) -> command(ctx, AccountControl::resume, "resumed")));
        config.routes.post("/accounts/{account}/lift-spam-block",
                action((ctx, session) -> command(ctx, AccountControl::liftSpamBlock, "spam block lifted")));
        config.routes.post("/accounts/{account}/settings", action(this::saveSettings));
        config.routes.post("/accounts/{account}/settings/reset", action(this::resetSetting));
        config.routes.get("/audit", page(this::audit));
    }

    // ---- signing in and out

    private void home(Context ctx) throws Exception {
        Optional<PanelSession> session = session(ctx);
        if (session.isEmpty()) {
            ctx.contentType(HTML).result(templates.render("login.jte", loginModel(null)));
            return;
        }
        answer(ctx, (c, signedIn) -> c.contentType(HTML).result(templates.render("overview.jte", overview(signedIn))), session.get());
    }

    private void login(Context ctx) {
        String token = Optional.ofNullable(ctx.formParam("token")).orElse("");
        switch (auth.signIn(ConsoleAuth.clientAddress(ctx), token, "login form")) {
            case SignIn.Accepted _ -> {
                PanelSession session = sessions.create();
                ctx.cookie(new Cookie(COOKIE, session.id(), "/", (int) PanelSessions.ABSOLUTE.toSeconds(), secureCookie,
                        true, null, SameSite.STRICT));
                ctx.redirect("/", HttpStatus.SEE_OTHER);
            }
            case SignIn.Rejected _ -> ctx.status(HttpStatus.UNAUTHORIZED)
                    .contentType(HTML).result(templates.render("login.jte", loginModel("That is not the token. Try again.")));
            case SignIn.Refused refused -> ctx.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(Math.max(1, refused.retryAfter().toSeconds())))
                    .contentType(HTML).result(templates.render("login.jte", loginModel("Too many failed attempts: wait "
                            + Math.max(1, refused.retryAfter().toSeconds()) + " s.")));
        }
    }

    private void logout(Context ctx, PanelSession session) {
        sessions.end(session.id());
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secureCookie, true, null, SameSite.STRICT));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private static Map<String, Object> loginModel(String error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("error", error);
        return model;
    }

    // ---- pages

    private OverviewPage overview(PanelSession session) {
        List<AccountStatus> accounts = started().accounts().accounts();
        return new OverviewPage(accounts, FleetTotals.of(accounts, clock.instant()), session.csrfToken());
    }

    private void overviewAccounts(Context ctx, PanelSession session) {
        ctx.contentType(HTML).result(templates.render("partial/overviewAccounts.jte", overview(session)));
    }

    private void account(Context ctx, PanelSession session) {
        String account = ctx.pathParam("account");
        Optional<String> notice = Optional.ofNullable(ctx.queryParam("done"));
        ctx.contentType(HTML).result(templates.render("account.jte", accountPage(account, Map.of(), List.of(), notice, session)));
    }

    private AccountPage accountPage(String account, Map<String, String> submitted,
            List<dev.marketolog.config.ConfigProblem> problems, Optional<String> notice, PanelSession session) {
        PanelSources sources = started();
        return switch (sources.control().settings(account)) {
            case AccountControl.EffectiveSettings effective -> new AccountPage(account,
                    sources.accounts().accounts().stream().filter(status -> status.name().equals(account)).findFirst(),
                    effective.settings(), submitted, problems, notice, session.csrfToken());
            case AccountControl.UnknownAccount _ -> throw new NotFoundResponse("no account named " + account);
        };
    }

    private void audit(Context ctx, PanelSession session) {
        Optional<String> account = Optional.ofNullable(ctx.queryParam("account")).filter(name -> !name.isBlank());
        Optional<Long> before = Optional.ofNullable(ctx.queryParam("before")).map(Panel::cursor);
        AccountControl.AuditPage audit = started().control().audit(new AccountControl.AuditQuery(account, before, AUDIT_PAGE));
        ctx.contentType(HTML).result(templates.render("audit.jte", new AuditLogPage(audit.entries(), account, audit.next(), session.csrfToken())));
    }

    private static long cursor(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("before must be a row id from the previous page, not " + value);
        }
    }

    // ---- actions

    /** A command on the account named in the path, then back to where the operator came from (the overview or its page). */
    private void command(Context ctx, Command command, String done) {
        String account = ctx.pathParam("account");
        switch (command.run(started().control(), account, actor(ctx))) {
            case AccountControl.Accepted _ -> ctx.redirect(back(ctx, account, done), HttpStatus.SEE_OTHER);
            case AccountControl.UnknownAccount _ -> throw new NotFoundResponse("no account named " + account);
        }
    }

    @FunctionalInterface
    private interface Command {
        AccountControl.CommandOutcome run(AccountControl control, String account, Actor actor);
    }

    /** Saves what changed in the form (an unchanged field stays with its file's value, not pinned by the console). */
    private void saveSettings(Context ctx, PanelSession session) {
        String account = ctx.pathParam("account");
        AccountControl control = started().control();
        AccountControl.EffectiveSettings current = switch (control.settings(account)) {
            case AccountControl.EffectiveSettings effective -> effective;
            case AccountControl.UnknownAccount _ -> throw new NotFoundResponse("no account named " + account);
        };
        Map<String, String> submitted = new LinkedHashMap<>();
        Map<String, String> changed = new LinkedHashMap<>();
        for (AccountControl.EffectiveSetting setting : current.settings()) {
            String value = ctx.formParam(setting.key());
            if (setting.changeable() && value != null) {
                submitted.put(setting.key(), value);
                if (!value.equals(setting.value())) {
                    changed.put(setting.key(), value);
                }
            }
        }
        if (changed.isEmpty()) {
            ctx.redirect(accountUrl(account, "nothing changed"), HttpStatus.SEE_OTHER);
            return;
        }
        switch (control.override(account, changed, actor(ctx))) {
            case AccountControl.Applied applied -> ctx.redirect(
                    accountUrl(account, "saved " + String.join(", ", changed.keySet()) + ": applies within seconds"),
                    HttpStatus.SEE_OTHER);
            case AccountControl.Rejected rejected -> ctx.status(HttpStatus.BAD_REQUEST).contentType(HTML).result(templates.render("account.jte",
                    accountPage(account, submitted, rejected.problems(), Optional.empty(), session)));
            case AccountControl.UnknownAccount _ -> throw new NotFoundResponse("no account named " + account);
        }
    }

    private void resetSetting(Context ctx, PanelSession session) {
        String account = ctx.pathParam("account");
        String key = Optional.ofNullable(ctx.formParam("key")).orElse("");
        switch (started().control().reset(account, Set.of(key), actor(ctx))) {
            case AccountControl.Applied _ -> ctx.redirect(accountUrl(account, key + " is back to the file's value"),
                    HttpStatus.SEE_OTHER);
            case AccountControl.Rejected rejected -> ctx.status(HttpStatus.BAD_REQUEST).contentType(HTML).result(templates.render("account.jte",
                    accountPage(account, Map.of(), rejected.problems(), Optional.empty(), session)));
            case AccountControl.UnknownAccount _ -> throw new NotFoundResponse("no account named " + account);
        }
    }

    private static Actor actor(Context ctx) {
        return new Actor(ConsoleAuth.clientAddress(ctx));
    }

    /** The account's page when the form came from there ({@code back=account}), else the overview. */
    private static String back(Context ctx, String account, String done) {
        return "account".equals(ctx.formParam("back")) ? accountUrl(account, done) : "/";
    }

    private static String accountUrl(String account, String notice) {
        return "/accounts/" + account + "?done=" + PanelFormat.query(notice);
    }

    // ---- sessions and CSRF

    private Optional<PanelSession> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    /** A page: a browser that is not signed in goes to the login form at {@code /}. */
    private Handler page(SignedHandler handler) {
        return ctx -> {
            Optional<PanelSession> session = session(ctx);
            if (session.isEmpty()) {
                ctx.redirect("/", HttpStatus.SEE_OTHER);
                return;
            }
            answer(ctx, handler, session.get());
        };
    }

    /** A live fragment the page's script fetches: 401 when signed out, so the script reloads to the login form. */
    private Handler fragment(SignedHandler handler) {
        return ctx -> {
            Optional<PanelSession> session = session(ctx);
            if (session.isEmpty()) {
                error(ctx, HttpStatus.UNAUTHORIZED, "Signed out: sign in again.");
                return;
            }
            answer(ctx, handler, session.get());
        };
    }

    /**
     * A state-changing form: only from a signed-in browser and with that session's CSRF token (compared in constant
     * time), else 403 (OWASP's CSRF sheet: a synchronizer token per session; SameSite=Strict is the second line).
     */
    private Handler action(SignedHandler handler) {
        return ctx -> {
            Optional<PanelSession> session = session(ctx);
            if (session.isEmpty()) {
                error(ctx, HttpStatus.FORBIDDEN, "Not signed in: sign in and send the form again.");
            } else if (!session.get().acceptsCsrf(ctx.formParam(CSRF_FIELD))) {
                error(ctx, HttpStatus.FORBIDDEN, "The form's CSRF token is missing or wrong: reload the page and try again.");
            } else {
                answer(ctx, handler, session.get());
            }
        };
    }

    /** Runs the handler; a refusal it throws (404, 400) becomes the panel's own escaped error page. */
    private void answer(Context ctx, SignedHandler handler, PanelSession session) throws Exception {
        try {
            handler.handle(ctx, session);
        } catch (HttpResponseException e) {
            error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage());
        }
    }

    private void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType(HTML).result(templates.render("error.jte", Map.of("status", status.getCode(), "message", message)));
    }
}
