package dev.marketolog.engine;

import dev.marketolog.config.ConfigProblem;
import dev.marketolog.config.ConsoleOverrides;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator does to the accounts through the console: commands (pause, resume, lift a spam block, clear a ban)
 * and settings changed at run time (overrides on top of the {@code .env} files), each written to the database with an
 * audit row and applied within seconds by the process that runs the account, whichever process received it.
 * Thread-safe. An outcome of {@link UnknownAccount} means no account of that name is configured.
 */
public interface AccountControl {

    /** Halts the account's tasks, keeping its state; it stays paused across restarts until {@link #resume}. */
    CommandOutcome pause(String account, Actor actor);

    CommandOutcome resume(String account, Actor actor);

    /** Ends the account's spam block now and forgets its streak of serious errors. */
    CommandOutcome liftSpamBlock(String account, Actor actor);

    /** Takes the channel off the account's ban list; the account opens and checks it again. */
    CommandOutcome clearBan(String account, long channelId, Actor actor);

    /** Every setting of the account an operator may see (secrets are not among them), with where its value comes from. */
    SettingsOutcome settings(String account);

    /**
     * Sets the given keys (names as in {@code .env}) on top of the account's files and environment. The merged settings
     * are validated as a whole, as the {@code .env} loader does: on any problem nothing changes and every problem is
     * answered at once. Only {@link #CHANGEABLE} keys are accepted; another key is a problem too.
     */
    OverrideOutcome override(String account, Map<String, String> values, Actor actor);

    /** Drops the console's value of the given keys: each goes back to the file's (or environment's, or default) value. */
    OverrideOutcome reset(String account, Set<String> keys, Actor actor);

    /** Audit rows, newest first. */
    AuditPage audit(AuditQuery query);

    /** The keys the console may change (names as in {@code .env}); secrets are never among them. */
    Set<String> CHANGEABLE = ConsoleOverrides.CHANGEABLE_NAMES;

    /**
     * Who made a change: the console has one token, so the client's address is all there is to tell.
     *
     * @param address the client's address as the HTTP layer sees it (e.g. {@code 127.0.0.1})
     */
    record Actor(String address) {
        public Actor {
            Objects.requireNonNull(address, "address");
        }
    }

    /** No account of that name is configured (the API answers 404). */
    record UnknownAccount(String account) implements CommandOutcome, SettingsOutcome, OverrideOutcome {}

    /** What a command answers. */
    sealed interface CommandOutcome permits Accepted, UnknownAccount {}

    /**
     * The command is stored and audited; the process that runs the account applies it within seconds.
     *
     * @param commandId the stored command's id
     */
    record Accepted(long commandId) implements CommandOutcome {}

    /** What reading an account's settings answers. */
    sealed interface SettingsOutcome permits EffectiveSettings, UnknownAccount {}

    /** An account's settings, in the order check-config lists them. */
    record EffectiveSettings(String account, List<EffectiveSetting> settings) implements SettingsOutcome {
        public EffectiveSettings {
            settings = List.copyOf(settings);
        }
    }

    /**
     * One setting as it applies now.
     *
     * @param key        the name as in {@code .env}
     * @param value      the value as given ({@code .env} syntax), or the default's; URLs with their credentials masked
     * @param source     where the value comes from
     * @param origin     {@code file:line}, {@code environment}, {@code console} or empty for a default
     * @param changeable whether the console may change it ({@link #CHANGEABLE})
     */
    record EffectiveSetting(String key, String value, SettingSource source, String origin, boolean changeable) {}

    /** Where a setting's value comes from, later ones overriding earlier ones. */
    enum SettingSource {
        DEFAULT("default"),
        ENVIRONMENT("environment"),
        FILE("file"),
        CONSOLE("console");

        private final String label;

        SettingSource(String label) {
            this.label = label;
        }

        /** The word the API and the panel show. */
        public String label() {
            return label;
        }
    }

    /** What an override or a reset answers. */
    sealed interface OverrideOutcome permits Applied, Rejected, UnknownAccount {}

    /** Stored and audited; the process that runs the account applies it within seconds. */
    record Applied(List<SettingChange> changes) implements OverrideOutcome {
        public Applied {
            changes = List.copyOf(changes);
        }
    }

    /**
     * Nothing changed, for every one of these problems (source {@code console}, the key, the value as given and what
     * was expected), so the form can show each next to its field.
     */
    record Rejected(List<ConfigProblem> problems) implements OverrideOutcome {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    /** One key's effective value before and after (the same when the change changed nothing). */
    record SettingChange(String key, String oldValue, String newValue) {}

    /** What the audit log records. */
    enum AuditAction {
        PAUSE("pause"),
        RESUME("resume"),
        LIFT_SPAM_BLOCK("lift-spam-block"),
        CLEAR_BAN("clear-ban"),
        OVERRIDE("override"),
        RESET("reset");

        private final String code;

        AuditAction(String code) {
            this.code = code;
        }

        /** The word stored and shown. */
        public String code() {
            return code;
        }
    }

    /**
     * A page of the audit log, newest first.
     *
     * @param account only this account's rows, when given
     * @param before  the cursor: only rows with a smaller id (the previous page's {@link AuditPage#next()})
     * @param limit   at most this many rows (1-500)
     */
    record AuditQuery(Optional<String> account, Optional<Long> before, int limit) {
        public static final int MAX_LIMIT = 500;

        public AuditQuery {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("an audit page holds 1-" + MAX_LIMIT + " rows, not " + limit);
            }
        }
    }

    /** @param next the cursor of the next (older) page, when there is one */
    record AuditPage(List<AuditEntry> entries, Optional<Long> next) {
        public AuditPage {
            entries = List.copyOf(entries);
        }
    }

    /**
     * One change made through the console.
     *
     * @param subject  the key of an override or reset, the channel id of a cleared ban, empty for the other commands
     * @param oldValue the effective value before (overrides, resets), when there is one
     * @param newValue the effective value after (overrides, resets), when there is one
     * @param address  the client's address
     */
    record AuditEntry(
            long id,
            Instant at,
            String account,
            AuditAction action,
            String subject,
            Optional<String> oldValue,
            Optional<String> newValue,
            String address) {}
}
