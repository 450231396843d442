package dev.marketolog.config;

import static dev.marketolog.config.SettingKey.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator console's settings: values set at run time on top of an account's files and environment, read and
 * validated by the same code as the {@code .env} files ({@link AccountSettingsReader}), the merged settings as a whole.
 */
public final class ConsoleOverrides {

    /** What a problem with a console value names as its source, and what {@link #shown} names as its origin. */
    public static final String SOURCE = "console";

    /** The keys the console may change; no secret is among them. */
    public static final Set<SettingKey> CHANGEABLE = Collections.unmodifiableSet(EnumSet.of(
            ALLOWLIST_CHAT_IDS, SKIP_KEYWORDS, PERSONA, ACTIVE_WINDOWS, TIMEZONE, MESSAGES_PER_DAY, MESSAGES_PER_HOUR,
            MIN_INTERVAL_BETWEEN_MESSAGES_SECONDS, MIN_INTERVAL_PER_CHAT_SECONDS, MAX_INSTANT_PER_CHAT_PER_HOUR,
            FRESH_POST_MAX_AGE_MINUTES, INSTANT_COMMENT_DELAY_SECONDS, DRY_RUN, BOT_ENABLED, REVIEW_MODE, REVIEW_TIMEOUT_MINUTES));

    /** The names of {@link #CHANGEABLE}, as the console's forms and requests spell them. */
    public static final Set<String> CHANGEABLE_NAMES =
            CHANGEABLE.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private ConsoleOverrides() {}

    /**
     * {@code base} (the account as its files and environment give it) with {@code overrides} on top, validated as a
     * whole. A key given empty takes its default, as an empty line in {@code .env} does.
     *
     * @param overrides values by key name, as an operator gave them
     * @throws ConfigException every problem at once: each value that does not parse, each rule across keys it breaks, and
     *                         each key the console may not change (its value masked when it is a secret)
     */
    public static AccountSettings apply(AccountSettings base, Map<String, String> overrides) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        overrides.forEach((name, value) -> notChangeable(name, value).ifPresent(problems::add));
        ValueReader values = new ValueReader(
                key -> Optional.ofNullable(overrides.get(key.name())).filter(v -> CHANGEABLE.contains(key))
                        .map(value -> new RawValue(value, SOURCE)),
                SOURCE);
        AccountSettings merged = AccountSettingsReader.readOver(values, base);
        problems.addAll(values.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return merged;
    }

    private static Optional<ConfigProblem> notChangeable(String name, String value) {
        Optional<SettingKey> key = SettingKey.named(name);
        if (key.filter(CHANGEABLE::contains).isPresent()) {
            return Optional.empty();
        }
        // an unknown key may be a misspelt secret: its value is not shown either
        String shown = key.map(k -> k.masked(value)).orElseGet(() -> Secret.of(value).masked());
        String expected = key.isPresent()
                ? "a key the console may change (" + name + " is set in the .env file only)"
                : "a known setting the console may change";
        return Optional.of(new ConfigProblem(SOURCE, name, shown, expected));
    }

    /**
     * Every setting of the account an operator may see, in the README's order: its value as check-config shows it and
     * where it comes from ({@code file:line}, {@code environment}, {@link #SOURCE}, or empty for a default). Secrets are
     * left out; a URL's credentials are masked.
     *
     * @param settings  the account's effective settings (overrides applied)
     * @param origins   where the files and environment gave each key ({@link Settings#origins(String)})
     * @param overridden the keys the console sets
     */
    public static List<ShownSetting> shown(AccountSettings settings, Map<SettingKey, String> origins, Set<SettingKey> overridden) {
        List<ShownSetting> shown = new ArrayList<>();
        SettingsDescription.accountValues(settings).forEach((key, value) -> {
            if (!key.secret()) {
                String origin = overridden.contains(key) ? SOURCE : origins.getOrDefault(key, "");
                shown.add(new ShownSetting(key, value, origin, CHANGEABLE.contains(key)));
            }
        });
        return shown;
    }

    /**
     * One setting as the console shows it.
     *
     * @param origin {@code file:line}, {@code environment}, {@link #SOURCE}, or empty for a default
     */
    public record ShownSetting(SettingKey key, String value, String origin, boolean changeable) {}
}
