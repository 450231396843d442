package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.marketolog.config.ConfigException;
import dev.marketolog.config.ConfigProblem;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.Settings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.engine.AccountControl;
import dev.marketolog.engine.AccountControl.Accepted;
import dev.marketolog.engine.AccountControl.Actor;
import dev.marketolog.engine.AccountControl.Applied;
import dev.marketolog.engine.AccountControl.AuditAction;
import dev.marketolog.engine.AccountControl.AuditEntry;
import dev.marketolog.engine.AccountControl.AuditPage;
import dev.marketolog.engine.AccountControl.AuditQuery;
import dev.marketolog.engine.AccountControl.EffectiveSetting;
import dev.marketolog.engine.AccountControl.EffectiveSettings;
import dev.marketolog.engine.AccountControl.Rejected;
import dev.marketolog.engine.AccountControl.SettingChange;
import dev.marketolog.engine.AccountControl.SettingSource;
import dev.marketolog.engine.AccountControl.UnknownAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's write path on real PostgreSQL, for an account loaded from a real .env file. */
class JdbcAccountControlTest {

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Actor ACTOR = new Actor("203.0.113.7");

    @TempDir
    Path dir;

    private final String name = "bot-" + UUID.randomUUID().toString().substring(0, 8);
    private JdbcAccountControl control;

    @BeforeEach
    void loadTheAccount() throws IOException, ConfigException {
        Path env = Files.writeString(dir.resolve(".env.bot"), """
                ACCOUNT_NAME=%s
                TELEGRAM_API_ID=12345
                TELEGRAM_API_HASH=0123456789abcdef0123456789abcdef
                OPENAI_API_KEY=sk-very-secret
                ALLOWLIST_CHAT_IDS=-1001,-1002
                MESSAGES_PER_DAY=40
                MESSAGES_PER_HOUR=6
                """.formatted(name));
        Settings settings = SettingsLoader.load(List.of(env), Map.of("PERSONA", "a calm engineer"), Purpose.SERVE);
        new AccountRepository(db.dataSource(), InstantSource.fixed(NOW)).upsert(name);
        control = new JdbcAccountControl(db.dataSource(), InstantSource.fixed(NOW), settings);
    }

    private EffectiveSetting setting(String key) {
        EffectiveSettings settings = (EffectiveSettings) control.settings(name);
        return settings.settings().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    private List<AuditEntry> audit() {
        return control.audit(new AuditQuery(Optional.of(name), Optional.empty(), 100)).entries();
    }

    @Test
    void threeBadValuesAreRejectedTogetherAndNothingIsStored() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("MESSAGES_PER_HOUR", "lots");
        values.put("TIMEZONE", "Mars/Olympus");
        values.put("ALLOWLIST_CHAT_IDS", "-1001,channel");
        values.put("PERSONA", "fine on its own");

        Rejected rejected = (Rejected) control.override(name, values, ACTOR);

        assertThat(rejected.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("MESSAGES_PER_HOUR", "TIMEZONE", "ALLOWLIST_CHAT_IDS");
        assertThat(rejected.problems()).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("console");
            assertThat(p.value()).isEqualTo(values.get(p.key()));
            assertThat(p.expected()).isNotBlank();
        });
        assertThat(control.overrides(name)).isEmpty();
        assertThat(audit()).isEmpty();
        assertThat(count("select count(*) from operator_command where account = '" + name + "'")).isZero();
        assertThat(setting("PERSONA").value()).isEqualTo("a calm engineer");
    }

    @Test
    void secretsAreNeitherShownNorChangeable() {
        EffectiveSettings settings = (EffectiveSettings) control.settings(name);
        assertThat(settings.settings()).extracting(EffectiveSetting::key)
                .contains("ALLOWLIST_CHAT_IDS", "OPENAI_BASE_URL", "LLM_MODEL")
                .doesNotContain("TELEGRAM_API_HASH", "OPENAI_API_KEY", "SESSION_ENCRYPTION_KEY", "TELEGRAM_SESSION_STRING",
                        "TG_PROXY_PASS");
        assertThat(settings.settings()).extracting(EffectiveSetting::value).noneMatch(v -> v.contains("sk-very-secret"));

        Rejected rejected = (Rejected) control.override(name,
                Map.of("OPENAI_API_KEY", "sk-stolen-key-123", "LLM_MODEL", "other", "NO_SUCH_KEY", "hunter2"), ACTOR);

        assertThat(rejected.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("OPENAI_API_KEY", "LLM_MODEL", "NO_SUCH_KEY");
        assertThat(rejected.problems()).extracting(ConfigProblem::value)
                .noneMatch(v -> v.contains("stolen") || v.contains("hunter2"));
        assertThat(control.overrides(name)).isEmpty();
    }

    @Test
    void anOverrideIsStoredAuditedAndShownAsTheConsolesAndAResetGoesBackToTheFile() {
        assertThat(setting("MESSAGES_PER_HOUR")).isEqualTo(new EffectiveSetting("MESSAGES_PER_HOUR", "6", SettingSource.FILE,
                dir.resolve(".env.bot") + ":7", true));
        assertThat(setting("PERSONA").source()).isEqualTo(SettingSource.ENVIRONMENT);
        assertThat(setting("DRY_RUN").source()).isEqualTo(SettingSource.DEFAULT);

        Applied applied = (Applied) control.override(name, Map.of("MESSAGES_PER_HOUR", "2", "ALLOWLIST_CHAT_IDS", "-1001,-1002,-1003"),
                ACTOR);

        assertThat(applied.changes()).containsExactlyInAnyOrder(
                new SettingChange("MESSAGES_PER_HOUR", "6", "2"),
                new SettingChange("ALLOWLIST_CHAT_IDS", "[-1001, -1002]", "[-1001, -1002, -1003]"));
        assertThat(setting("MESSAGES_PER_HOUR")).isEqualTo(new EffectiveSetting("MESSAGES_PER_HOUR", "2", SettingSource.CONSOLE,
                "console", true));
        assertThat(control.overrides(name)).containsOnly(
                Map.entry("MESSAGES_PER_HOUR", "2"), Map.entry("ALLOWLIST_CHAT_IDS", "-1001,-1002,-1003"));
        assertThat(audit()).extracting(AuditEntry::action, AuditEntry::subject, AuditEntry::oldValue, AuditEntry::newValue,
                        AuditEntry::address, AuditEntry::at)
                .containsExactlyInAnyOrder(
                        tuple(AuditAction.OVERRIDE, "MESSAGES_PER_HOUR", Optional.of("6"),
                                Optional.of("2"), "203.0.113.7", NOW),
                        tuple(AuditAction.OVERRIDE, "ALLOWLIST_CHAT_IDS",
                                Optional.of("[-1001, -1002]"), Optional.of("[-1001, -1002, -1003]"), "203.0.113.7", NOW));
        assertThat(count("select count(*) from operator_command where command = 'settings' and account = '" + name + "'"))
                .isEqualTo(1);

        Applied reset = (Applied) control.reset(name, Set.of("MESSAGES_PER_HOUR"), ACTOR);

        assertThat(reset.changes()).containsExactly(new SettingChange("MESSAGES_PER_HOUR", "2", "6"));
        assertThat(setting("MESSAGES_PER_HOUR").source()).isEqualTo(SettingSource.FILE);
        assertThat(control.overrides(name)).containsOnlyKeys("ALLOWLIST_CHAT_IDS");
        assertThat(audit().getFirst()).satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.RESET);
            assertThat(e.oldValue()).contains("2");
            assertThat(e.newValue()).contains("6");
        });
    }

    @Test
    void anEmptyValueGivesTheKeyItsDefaultAsAnEmptyLineInEnvDoes() {
        control.override(name, Map.of("PERSONA", "", "MESSAGES_PER_DAY", ""), ACTOR);

        assertThat(setting("PERSONA").value()).isEmpty();
        assertThat(setting("MESSAGES_PER_DAY").value()).isEqualTo("40");
        assertThat(setting("MESSAGES_PER_DAY").source()).isEqualTo(SettingSource.CONSOLE);
    }

    @Test
    void aKeyGivenWithoutAValueIsAProblemNotAReset() {
        control.override(name, Map.of("MESSAGES_PER_HOUR", "2"), ACTOR);
        Map<String, String> noValue = new HashMap<>();
        noValue.put("MESSAGES_PER_HOUR", null);

        assertThat(control.override(name, noValue, ACTOR)).isInstanceOf(Rejected.class);
        assertThat(control.overrides(name)).containsEntry("MESSAGES_PER_HOUR", "2");
    }

    @Test
    void resettingAKeyTheConsoleCannotChangeIsRejected() {
        assertThat(control.reset(name, Set.of("TELEGRAM_API_HASH"), ACTOR)).isInstanceOf(Rejected.class);
    }

    @Test
    void anUnknownAccountIsToldApart() {
        assertThat(control.pause("nobody", ACTOR)).isEqualTo(new UnknownAccount("nobody"));
        assertThat(control.settings("nobody")).isEqualTo(new UnknownAccount("nobody"));
        assertThat(control.override("nobody", Map.of("DRY_RUN", "true"), ACTOR)).isEqualTo(new UnknownAccount("nobody"));
        assertThat(control.clearBan("nobody", -1001, ACTOR)).isEqualTo(new UnknownAccount("nobody"));
    }

    @Test
    void commandsAreStoredWithTheirAuditRowsAndPauseIsPersisted() throws SQLException {
        db.run("insert into account_channel (account, channel_id, banned_reason) values ('" + name + "', -1002, 'CHAT_WRITE_FORBIDDEN')");
        db.run("insert into account_state (account, spam_block_until, updated_at) values ('" + name
                + "', '2026-12-03T18:00:00Z', now())");

        AccountControl.CommandOutcome paused = control.pause(name, ACTOR);
        control.liftSpamBlock(name, ACTOR);
        control.clearBan(name, -1002, ACTOR);
        control.resume(name, ACTOR);
        control.pause(name, ACTOR);

        assertThat(paused).isInstanceOf(Accepted.class);
        assertThat(control.paused(name)).isTrue();
        assertThat(audit()).extracting(AuditEntry::action, AuditEntry::subject, AuditEntry::oldValue, AuditEntry::newValue)
                .containsExactly(
                        tuple(AuditAction.PAUSE, "", Optional.of("active"), Optional.of("paused")),
                        tuple(AuditAction.RESUME, "", Optional.of("paused"), Optional.of("active")),
                        tuple(AuditAction.CLEAR_BAN, "-1002",
                                Optional.of("banned: CHAT_WRITE_FORBIDDEN"), Optional.of("open")),
                        tuple(AuditAction.LIFT_SPAM_BLOCK, "",
                                Optional.of("until 2026-12-03T18:00:00Z"), Optional.of("none")),
                        tuple(AuditAction.PAUSE, "", Optional.of("active"), Optional.of("paused")));
        assertThat(count("select count(*) from operator_command where applied_at is null and account = '" + name + "'"))
                .isEqualTo(5);
    }

    @Test
    void theAuditLogIsReadPageByPageNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            control.override(name, Map.of("MESSAGES_PER_HOUR", Integer.toString(i)), ACTOR);
        }

        AuditPage first = control.audit(new AuditQuery(Optional.of(name), Optional.empty(), 2));
        AuditPage second = control.audit(new AuditQuery(Optional.of(name), first.next(), 2));
        AuditPage last = control.audit(new AuditQuery(Optional.of(name), second.next(), 2));

        assertThat(first.entries()).extracting(e -> e.newValue().orElseThrow()).containsExactly("5", "4");
        assertThat(second.entries()).extracting(e -> e.newValue().orElseThrow()).containsExactly("3", "2");
        assertThat(last.entries()).extracting(e -> e.newValue().orElseThrow()).containsExactly("1");
        assertThat(last.next()).isEmpty();
    }


    private static long count(String sql) {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
