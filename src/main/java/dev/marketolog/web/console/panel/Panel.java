package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountControl;
import dev.marketolog.web.WebModule;
import dev.marketolog.web.console.ConsoleAuth;
import dev.marketolog.web.console.SignIn;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.ServiceUnavailableResponse;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web panel at {@code /}: the login form, then the pages. A browser signs in with ADMIN_TOKEN (the API's check and
 * throttle) and gets a session cookie (HttpOnly, SameSite=Strict, Secure behind https); every form that changes
 * something carries the session's CSRF token, and one without it is 403. Its routes exist from the moment HTTP listens;
 * until {@link #serve} hands over what they read, the pages say the service is starting (503).
 */
public final class Panel implements WebModule {

    static final String COOKIE = "marketolog_session";
    static final String CSRF_FIELD = "csrf";

    private final ConsoleAuth auth;
    private final PanelSessions sessions;
    private final boolean secureCookie;
    private final PanelTemplates templates = new PanelTemplates();
    private final PanelAssets assets = new PanelAssets();
    private final PanelPages pages;
    private final PanelActions actions;
    private final PanelReview review;
    private volatile Optional<PanelSources> sources = Optional.empty();

    /**
     * @param secureCookie whether the cookie is marked Secure: HTTP_PUBLIC_URL is https (a browser would not send a
     *                     Secure cookie back over plain http)
     */
    public Panel(ConsoleAuth auth, PanelSessions sessions, InstantSource clock, boolean secureCookie) {
        this.auth = auth;
        this.sessions = sessions;
        this.secureCookie = secureCookie;
        this.pages = new PanelPages(this::started, templates, clock);
        this.actions = new PanelActions(this::started, pages);
        this.review = new PanelReview(this::started, pages);
    }

    /** From now on the pages answer from {@code sources}. */
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
        config.routes.get("/overview/accounts", fragment(pages::overviewAccounts));
        config.routes.get("/overview/chart.json", fragment(pages::chart));
        config.routes.get("/accounts/{account}", page(pages::account));
        config.routes.get("/channels", page(pages::channels));
        config.routes.get("/journal", page(pages::journal));
        config.routes.get("/journal.csv", page(pages::journalCsv));
        config.routes.get("/audit", page(pages::audit));
        config.routes.get("/instances", page(pages::instances));
        config.routes.get("/review", page(review::page));
        config.routes.post("/review/{id}/approve", action(review::approve));
        config.routes.post("/review/{id}/edit", action(review::edit));
        config.routes.post("/review/{id}/regenerate", action(review::regenerate));
        config.routes.post("/review/{id}/reject", action(review::reject));
        config.routes.post("/accounts/{account}/pause",
                action((ctx, session) -> actions.command(ctx, AccountControl::pause, "paused")));
        config.routes.post("/accounts/{account}/resume",
                action((ctx, session) -> actions.command(ctx, AccountControl::resume, "resumed")));
        config.routes.post("/accounts/{account}/lift-spam-block",
                action((ctx, session) -> actions.command(ctx, AccountControl::liftSpamBlock, "spam block lifted")));
        config.routes.post("/accounts/{account}/channels/{channel}/clear-ban", action((ctx, session) -> actions.clearBan(ctx)));
        config.routes.post("/accounts/{account}/settings", action(actions::saveSettings));
        config.routes.post("/accounts/{account}/settings/reset", action(actions::resetSetting));
    }

    // ---- signing in and out

    private void home(Context ctx) throws Exception {
        Optional<PanelSession> session = session(ctx);
        if (session.isEmpty()) {
            pages.html(ctx, "login.jte", loginModel(null));
            return;
        }
        answer(ctx, pages::overview, session.get());
    }

    private void login(Context ctx) {
        String token = Optional.ofNullable(ctx.formParam("token")).orElse("");
        switch (auth.signIn(ConsoleAuth.clientAddress(ctx), token, "login form")) {
            case SignIn.Accepted _ -> {
                // a new id at every sign-in: no session fixation
                PanelSession session = sessions.create();
                ctx.cookie(new Cookie(COOKIE, session.id(), "/", (int) PanelSessions.ABSOLUTE.toSeconds(), secureCookie,
                        true, null, SameSite.STRICT));
                ctx.redirect("/", HttpStatus.SEE_OTHER);
            }
            case SignIn.Rejected _ -> {
                ctx.status(HttpStatus.UNAUTHORIZED);
                pages.html(ctx, "login.jte", loginModel("That is not the token. Try again."));
            }
            case SignIn.Refused refused -> {
                long seconds = Math.max(1, refused.retryAfter().toSeconds());
                ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds));
                pages.html(ctx, "login.jte", loginModel("Too many failed attempts from your address: wait " + seconds + " s."));
            }
        }
    }

    private void logout(Context ctx, PanelSession session) {
        sessions.end(session.id());
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secureCookie, true, null, SameSite.STRICT));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private static Map<String, Object> loginModel(String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error); // null: no error line
        return model;
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

    /** A live part the page's script fetches: 401 when signed out, so the script reloads to the login form. */
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

    /** Runs the handler; a refusal it throws (400, 404, 503) becomes the panel's own error page, escaped like the rest. */
    private void answer(Context ctx, SignedHandler handler, PanelSession session) throws Exception {
        try {
            handler.handle(ctx, session);
        } catch (HttpResponseException e) {
            error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage());
        }
    }

    private void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status);
        pages.html(ctx, "error.jte", Map.of("status", status.getCode(), "message", message));
    }
}
