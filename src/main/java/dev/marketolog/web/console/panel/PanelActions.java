package dev.marketolog.web.console.panel;

import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountControl.Actor;
import dev.marketolog.web.console.ConsoleAuth;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the panel's forms change, through the same {@link AccountControl} the admin API calls: each answers with a
 * redirect to the page to look at next (post/redirect/get), or the form again with its problems.
 */
final class PanelActions {

    private final Supplier<PanelSources> sources;
    private final PanelPages pages;

    PanelActions(Supplier<PanelSources> sources, PanelPages pages) {
        this.sources = sources;
        this.pages = pages;
    }

    @FunctionalInterface
    interface Command {
        AccountControl.CommandOutcome run(AccountControl control, String account, Actor actor);
    }

    /** A command on the account named in the path, then back to where the operator came from (the overview or its page). */
    void command(Context ctx, Command command, String done) {
        String account = ctx.pathParam("account");
        accepted(command.run(sources.get().console().control(), account, actor(ctx)), account);
        ctx.redirect("account".equals(ctx.formParam("back")) ? accountUrl(account, done) : "/", HttpStatus.SEE_OTHER);
    }

    void clearBan(Context ctx) {
        String account = ctx.pathParam("account");
        long channel;
        try {
            channel = Long.parseLong(ctx.pathParam("channel"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("the channel must be a chat id");
        }
        accepted(sources.get().console().control().clearBan(account, channel, actor(ctx)), account);
        ctx.redirect(accountUrl(account, "ban on " + channel + " cleared: the account checks the channel again"),
                HttpStatus.SEE_OTHER);
    }

    /** Saves what changed in the form: an unchanged field keeps its file's value rather than being pinned by the console. */
    void saveSettings(Context ctx, PanelSession session) {
        String account = ctx.pathParam("account");
        AccountControl control = sources.get().console().control();
        AccountControl.EffectiveSettings current = switch (control.settings(account)) {
            case AccountControl.EffectiveSettings effective -> effective;
            case AccountControl.UnknownAccount _ -> throw unknown(account);
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
            case AccountControl.Applied _ -> ctx.redirect(
                    accountUrl(account, "saved " + String.join(", ", changed.keySet()) + ": applies within seconds"),
                    HttpStatus.SEE_OTHER);
            case AccountControl.Rejected rejected -> {
                ctx.status(HttpStatus.BAD_REQUEST);
                pages.html(ctx, "account.jte", pages.accountPage(account, submitted, rejected.problems(), Optional.empty(), session));
            }
            case AccountControl.UnknownAccount _ -> throw unknown(account);
        }
    }

    void resetSetting(Context ctx, PanelSession session) {
        String account = ctx.pathParam("account");
        String key = Optional.ofNullable(ctx.formParam("key")).orElse("");
        switch (sources.get().console().control().reset(account, Set.of(key), actor(ctx))) {
            case AccountControl.Applied _ -> ctx.redirect(accountUrl(account, key + " is back to the file's value"),
                    HttpStatus.SEE_OTHER);
            case AccountControl.Rejected rejected -> {
                ctx.status(HttpStatus.BAD_REQUEST);
                pages.html(ctx, "account.jte", pages.accountPage(account, Map.of(), rejected.problems(), Optional.empty(), session));
            }
            case AccountControl.UnknownAccount _ -> throw unknown(account);
        }
    }

    private static void accepted(AccountControl.CommandOutcome outcome, String account) {
        if (outcome instanceof AccountControl.UnknownAccount) {
            throw unknown(account);
        }
    }

    private static NotFoundResponse unknown(String account) {
        return new NotFoundResponse("No account is named " + account + ".");
    }

    private static Actor actor(Context ctx) {
        return new Actor(ConsoleAuth.clientAddress(ctx));
    }

    private static String accountUrl(String account, String notice) {
        return "/accounts/" + PanelFormat.query(account) + "?done=" + PanelFormat.query(notice);
    }
}
