package dev.marketolog.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountControl.Actor;
import dev.marketolog.engine.AccountControl.AuditEntry;
import dev.marketolog.engine.AccountControl.AuditPage;
import dev.marketolog.engine.AccountControl.AuditQuery;
import dev.marketolog.engine.AccountControl.CommandOutcome;
import dev.marketolog.engine.AccountControl.OverrideOutcome;
import dev.marketolog.engine.AccountControl.SettingChange;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The accounts: read them, command them (pause, resume, lift a spam block, clear a ban), read and change their
 * settings, and read the audit log of every such change.
 */
final class AccountsApi {

    private static final String ACCOUNT = AdminApi.PREFIX + "/accounts/{name}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ConsoleServices> services;

    AccountsApi(Supplier<ConsoleServices> services) {
        this.services = services;
    }

    void addTo(RoutesConfig routes) {
        routes.get(AdminApi.PREFIX + "/accounts", this::list);
        routes.get(ACCOUNT, this::one);
        routes.post(ACCOUNT + "/pause", ctx -> command(ctx, control().pause(name(ctx), actor(ctx))));
        routes.post(ACCOUNT + "/resume", ctx -> command(ctx, control().resume(name(ctx), actor(ctx))));
        routes.post(ACCOUNT + "/lift-spam-block", ctx -> command(ctx, control().liftSpamBlock(name(ctx), actor(ctx))));
        routes.delete(ACCOUNT + "/bans/{channel}", this::clearBan);
        routes.post(ACCOUNT + "/bans/{channel}/clear", this::clearBan);
        routes.get(ACCOUNT + "/settings", this::settings);
        routes.patch(ACCOUNT + "/settings", this::override);
        routes.put(ACCOUNT + "/settings", this::override);
        routes.delete(ACCOUNT + "/settings/{key}", this::reset);
        routes.get(AdminApi.PREFIX + "/audit", this::audit);
    }

    private AccountControl control() {
        return services.get().control();
    }

    private void list(Context ctx) {
        ctx.json(Map.of("accounts", services.get().accounts().accounts().stream().map(AccountJson.Summary::of).toList()));
    }

    private void one(Context ctx) {
        String name = name(ctx);
        ctx.json(services.get().accounts().account(name).map(AccountJson::of).orElseThrow(() -> noAccount(name)));
    }

    private void clearBan(Context ctx) {
        String raw = ctx.pathParam("channel");
        long channel;
        try {
            channel = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badField("channel", raw, "a channel id, a whole number like -1001234567890");
        }
        command(ctx, control().clearBan(name(ctx), channel, actor(ctx)));
    }

    private static void command(Context ctx, CommandOutcome outcome) {
        switch (outcome) {
            case AccountControl.Accepted accepted -> ctx.status(HttpStatus.ACCEPTED)
                    .json(Map.of("command_id", accepted.commandId(), "status", "accepted"));
            case AccountControl.UnknownAccount unknown -> throw noAccount(unknown.account());
        }
    }

    private void settings(Context ctx) {
        switch (control().settings(name(ctx))) {
            case AccountControl.EffectiveSettings effective -> ctx.json(Map.of("account", effective.account(),
                    "settings", effective.settings().stream().map(s -> new SettingJson(s.key(), s.value(), s.source().label(),
                            s.origin(), s.changeable())).toList()));
            case AccountControl.UnknownAccount unknown -> throw noAccount(unknown.account());
        }
    }

    record SettingJson(String key, String value, String source, String origin, boolean changeable) {}

    record ChangeJson(String key, String oldValue, String newValue) {
        static ChangeJson of(SettingChange change) {
            return new ChangeJson(change.key(), change.oldValue(), change.newValue());
        }
    }

    private void override(Context ctx) {
        answer(ctx, control().override(name(ctx), settingValues(ctx), actor(ctx)));
    }

    private void reset(Context ctx) {
        answer(ctx, control().reset(name(ctx), Set.of(ctx.pathParam("key")), actor(ctx)));
    }

    private static void answer(Context ctx, OverrideOutcome outcome) {
        switch (outcome) {
            case AccountControl.Applied applied -> ctx.json(Map.of("changes", applied.changes().stream().map(ChangeJson::of).toList()));
            case AccountControl.Rejected rejected -> throw ApiException.badRequest("the settings were not changed",
                    rejected.problems().stream().map(p -> new ApiProblem(p.key(), p.value(), p.expected())).toList());
            case AccountControl.UnknownAccount unknown -> throw noAccount(unknown.account());
        }
    }

    /**
     * The body: one JSON object of settings as in {@code .env} ({@code {"MESSAGES_PER_DAY": 30, "ALLOWLIST_CHAT_IDS":
     * [-1001, -1002]}}). Numbers, booleans and lists are written as {@code .env} would have them; the settings'
     * validation then judges every value.
     */
    private static Map<String, String> settingValues(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            throw ApiException.badField("body", "", "a JSON object of settings, like {\"MESSAGES_PER_DAY\": 30}");
        }
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ApiException.badField("body", "", "a JSON object with at least one setting, like {\"MESSAGES_PER_DAY\": 30}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<ApiProblem> problems = new ArrayList<>();
        body.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isNull() || value.isObject()) {
                problems.add(new ApiProblem(entry.getKey(), value.toString(),
                        "a value as in .env (text, number, boolean or list); DELETE the setting to reset it"));
            } else {
                values.put(entry.getKey(), value.isTextual() ? value.asText() : value.toString());
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("the settings were not changed", problems);
        }
        return values;
    }

    private void audit(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        AuditQuery query = new AuditQuery(params.text("account"),
                params.parsed("cursor", "a cursor from a previous page's next_cursor", Long::parseLong),
                params.limit(50, AuditQuery.MAX_LIMIT));
        params.done();
        AuditPage page = control().audit(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries().stream().map(AuditJson::of).toList());
        body.put("next_cursor", page.next().map(String::valueOf).orElse(null));
        ctx.json(body);
    }

    record AuditJson(long id, Instant at, String account, String action, String subject, String oldValue, String newValue,
            String address) {
        static AuditJson of(AuditEntry entry) {
            return new AuditJson(entry.id(), entry.at(), entry.account(), entry.action().code(), entry.subject(),
                    entry.oldValue().orElse(null), entry.newValue().orElse(null), entry.address());
        }
    }

    private static String name(Context ctx) {
        return ctx.pathParam("name");
    }

    private static Actor actor(Context ctx) {
        return new Actor(ConsoleAuth.clientAddress(ctx));
    }

    private static ApiException noAccount(String name) {
        return ApiException.notFound("no account named " + name);
    }
}
