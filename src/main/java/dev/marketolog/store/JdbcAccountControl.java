package dev.marketolog.store;

import static dev.marketolog.store.Jdbc.timestamp;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ConfigException;
import dev.marketolog.config.ConfigProblem;
import dev.marketolog.config.ConsoleOverrides;
import dev.marketolog.config.ConsoleOverrides.ShownSetting;
import dev.marketolog.config.SettingKey;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.AccountControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The console's write path in PostgreSQL: each change is one transaction that updates the account's row or overrides,
 * adds a command to the {@code operator_command} outbox (with a NOTIFY) and writes its audit rows. The process running
 * the account applies the command ({@link CommandFeed}); overrides are validated here, on top of the account's files
 * and environment, by the {@code .env} reader itself ({@link ConsoleOverrides}).
 */
public final class JdbcAccountControl implements AccountControl {

    private static final String NOT_PAUSED = "active";
    private static final String PAUSED = "paused";
    private static final String NONE = "none";
    private static final String OPEN = "open";

    private final Jdbc jdbc;
    private final InstantSource clock;
    private final Settings settings;
    private final Map<String, AccountSettings> accounts;

    /** @param settings the accounts as their files and environment give them (no override applied) */
    public JdbcAccountControl(DataSource dataSource, InstantSource clock, Settings settings) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.settings = settings;
        this.accounts = settings.accounts().stream()
                .collect(Collectors.toUnmodifiableMap(AccountSettings::name, Function.identity()));
    }

    // ---- commands

    @Override
    public CommandOutcome pause(String account, Actor actor) {
        return setPaused(account, true, actor);
    }

    @Override
    public CommandOutcome resume(String account, Actor actor) {
        return setPaused(account, false, actor);
    }

    private CommandOutcome setPaused(String account, boolean paused, Actor actor) {
        if (!accounts.containsKey(account)) {
            return new UnknownAccount(account);
        }
        Instant now = clock.instant();
        return jdbc.transaction((paused ? "pause " : "resume ") + account, connection -> {
            boolean before = Jdbc.query(connection, "select paused from account where name = ? for update",
                    s -> s.setString(1, account), row -> row.getBoolean(1)).getFirst();
            Jdbc.update(connection, "update account set paused = ? where name = ?", s -> {
                s.setBoolean(1, paused);
                s.setString(2, account);
            });
            long id = OperatorCommands.add(connection, account, paused ? "pause" : "resume", "", now);
            AuditLog.write(connection, new AuditLog.Change(account, paused ? AuditAction.PAUSE : AuditAction.RESUME, "",
                    Optional.of(before ? PAUSED : NOT_PAUSED), Optional.of(paused ? PAUSED : NOT_PAUSED)), actor, now);
            return new Accepted(id);
        });
    }

    @Override
    public CommandOutcome liftSpamBlock(String account, Actor actor) {
        if (!accounts.containsKey(account)) {
            return new UnknownAccount(account);
        }
        Instant now = clock.instant();
        return jdbc.transaction("lift the spam block of " + account, connection -> {
            Optional<String> until = Jdbc.query(connection, "select spam_block_until from account_state where account = ?",
                    s -> s.setString(1, account), row -> Jdbc.instant(row, "spam_block_until"))
                    .stream().flatMap(Optional::stream).filter(now::isBefore).findFirst().map(Instant::toString);
            long id = OperatorCommands.add(connection, account, "lift-spam-block", "", now);
            AuditLog.write(connection, new AuditLog.Change(account, AuditAction.LIFT_SPAM_BLOCK, "",
                    Optional.of(until.map(u -> "until " + u).orElse(NONE)), Optional.of(NONE)), actor, now);
            return new Accepted(id);
        });
    }

    @Override
    public CommandOutcome clearBan(String account, long channelId, Actor actor) {
        if (!accounts.containsKey(account)) {
            return new UnknownAccount(account);
        }
        Instant now = clock.instant();
        return jdbc.transaction("clear the ban of channel " + channelId + " for " + account, connection -> {
            Optional<String> reason = Jdbc.query(connection,
                    "select banned_reason from account_channel where account = ? and channel_id = ?",
                    s -> {
                        s.setString(1, account);
                        s.setLong(2, channelId);
                    },
                    row -> Optional.ofNullable(row.getString(1))).stream().flatMap(Optional::stream).findFirst();
            long id = OperatorCommands.add(connection, account, "clear-ban", Long.toString(channelId), now);
            AuditLog.write(connection, new AuditLog.Change(account, AuditAction.CLEAR_BAN, Long.toString(channelId),
                    Optional.of(reason.map(r -> "banned: " + r).orElse(OPEN)), Optional.of(OPEN)), actor, now);
            return new Accepted(id);
        });
    }

    // ---- settings

    @Override
    public SettingsOutcome settings(String account) {
        AccountSettings base = accounts.get(account);
        if (base == null) {
            return new UnknownAccount(account);
        }
        Map<String, String> overrides = overrides(account);
        return new EffectiveSettings(account, shown(base, overrides).values().stream().map(JdbcAccountControl::setting).toList());
    }

    @Override
    public OverrideOutcome override(String account, Map<String, String> values, Actor actor) {
        if (!accounts.containsKey(account)) {
            return new UnknownAccount(account);
        }
        return change(account, actor, current -> {
            Map<String, String> next = new HashMap<>(current);
            next.putAll(values);
            return new Wanted(next, values.keySet(), AuditAction.OVERRIDE, values);
        });
    }

    @Override
    public OverrideOutcome reset(String account, Set<String> keys, Actor actor) {
        if (!accounts.containsKey(account)) {
            return new UnknownAccount(account);
        }
        List<ConfigProblem> unknown = keys.stream()
                .filter(key -> !CHANGEABLE.contains(key))
                .map(key -> new ConfigProblem(ConsoleOverrides.SOURCE, key, "", "a key the console may change"))
                .toList();
        if (!unknown.isEmpty()) {
            return new Rejected(unknown);
        }
        return change(account, actor, current -> {
            Map<String, String> next = new HashMap<>(current);
            next.keySet().removeAll(keys);
            return new Wanted(next, keys, AuditAction.RESET, Map.of());
        });
    }

    /**
     * What an override or a reset asks for: the account's overrides afterwards, the keys it touches, how it is audited
     * and the values it stores (none for a reset).
     */
    private record Wanted(Map<String, String> overrides, Set<String> touched, AuditAction action, Map<String, String> stored) {}

    /**
     * Validates the account's overrides as the change leaves them, and stores them, their command and audit rows in one
     * transaction that holds the account's row, so that two changes at once are validated one after the other.
     */
    private OverrideOutcome change(String account, Actor actor, Function<Map<String, String>, Wanted> wanted) {
        AccountSettings base = accounts.get(account);
        Instant now = clock.instant();
        return jdbc.transaction("change the settings of " + account, connection -> {
            Jdbc.query(connection, "select name from account where name = ? for update", s -> s.setString(1, account), row -> null);
            Map<String, String> current = overrides(connection, account);
            Wanted change = wanted.apply(current);
            Map<SettingKey, ShownSetting> before = shown(base, current);
            Map<SettingKey, ShownSetting> after;
            try {
                after = shown(ConsoleOverrides.apply(base, change.overrides()), change.overrides().keySet(), account);
            } catch (ConfigException e) {
                return new Rejected(e.problems());
            }
            List<SettingChange> changes = new ArrayList<>();
            for (String key : change.touched()) {
                SettingKey setting = SettingKey.valueOf(key);
                String old = before.get(setting).value();
                String next = after.get(setting).value();
                changes.add(new SettingChange(key, old, next));
                write(connection, account, key, change.stored().get(key), now);
                AuditLog.write(connection, new AuditLog.Change(account, change.action(), key, Optional.of(old), Optional.of(next)),
                        actor, now);
            }
            OperatorCommands.add(connection, account, OperatorCommands.SETTINGS, "", now);
            return new Applied(changes);
        });
    }

    private static void write(Connection connection, String account, String key, String value, Instant at) throws SQLException {
        if (value == null) {
            Jdbc.update(connection, "delete from account_override where account = ? and setting = ?", s -> {
                s.setString(1, account);
                s.setString(2, key);
            });
            return;
        }
        Jdbc.update(connection, """
                insert into account_override (account, setting, value, set_at) values (?, ?, ?, ?)
                on conflict (account, setting) do update set value = excluded.value, set_at = excluded.set_at""",
                s -> {
                    s.setString(1, account);
                    s.setString(2, key);
                    s.setString(3, value);
                    s.setTimestamp(4, timestamp(at));
                });
    }

    /** The account's settings as its files, environment and stored overrides give them. */
    private Map<SettingKey, ShownSetting> shown(AccountSettings base, Map<String, String> overrides) {
        AccountSettings effective = effective(base, overrides);
        return shown(effective, overrides.keySet(), base.name());
    }

    private Map<SettingKey, ShownSetting> shown(AccountSettings effective, Set<String> overridden, String account) {
        Set<SettingKey> keys = overridden.stream().map(SettingKey::valueOf).collect(Collectors.toSet());
        Map<SettingKey, ShownSetting> shown = new LinkedHashMap<>();
        ConsoleOverrides.shown(effective, settings.origins(account), keys).forEach(s -> shown.put(s.key(), s));
        return shown;
    }

    // ---- read by serve: at the start, and when a command says the overrides changed

    /**
     * The account's settings with its stored overrides on top. Overrides were valid when they were stored; should the
     * files have changed since so that they no longer are, the account runs on its files alone.
     *
     * @throws ConfigException every problem, for the caller to log
     */
    public AccountSettings withOverrides(String account) throws ConfigException {
        AccountSettings base = accounts.get(account);
        if (base == null) {
            throw new IllegalArgumentException("no account " + account + " is configured");
        }
        return ConsoleOverrides.apply(base, overrides(account));
    }

    private static AccountSettings effective(AccountSettings base, Map<String, String> overrides) {
        try {
            return ConsoleOverrides.apply(base, overrides);
        } catch (ConfigException e) {
            return base;
        }
    }

    /** Whether the account is one of this process's configuration. */
    public boolean configures(String account) {
        return accounts.containsKey(account);
    }

    /** Whether an operator paused the account (it stays paused across restarts). */
    public boolean paused(String account) {
        return jdbc.queryOne("read whether " + account + " is paused", "select paused from account where name = ?",
                s -> s.setString(1, account), row -> row.getBoolean(1)).orElse(false);
    }

    /** The account's overrides by key name. */
    public Map<String, String> overrides(String account) {
        return jdbc.transaction("read the overrides of " + account, connection -> overrides(connection, account));
    }

    private static Map<String, String> overrides(Connection connection, String account) throws SQLException {
        return Jdbc.query(connection, "select setting, value from account_override where account = ?",
                        s -> s.setString(1, account), row -> Map.entry(row.getString(1), row.getString(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    // ---- audit

    @Override
    public AuditPage audit(AuditQuery query) {
        return AuditLog.read(jdbc, query);
    }

    private static EffectiveSetting setting(ShownSetting shown) {
        return new EffectiveSetting(shown.key().name(), shown.value(), source(shown.origin()), shown.origin(), shown.changeable());
    }

    private static SettingSource source(String origin) {
        return switch (origin) {
            case "" -> SettingSource.DEFAULT;
            case "environment" -> SettingSource.ENVIRONMENT;
            case ConsoleOverrides.SOURCE -> SettingSource.CONSOLE;
            default -> SettingSource.FILE;
        };
    }
}
