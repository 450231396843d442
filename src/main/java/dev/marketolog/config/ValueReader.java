package dev.marketolog.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed settings from one chain of sources and collects a problem for every value that does not parse,
 * so loading goes on and reports everything at once. An empty value counts as not given.
 */
final class ValueReader {
    private final Function<SettingKey, Optional<RawValue>> lookup;
    private final String missingSource;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<SettingKey> rejected = EnumSet.noneOf(SettingKey.class);

    /**
     * @param lookup        where a key's raw value comes from
     * @param missingSource what a problem about a key nobody gave names as its source
     */
    ValueReader(Function<SettingKey, Optional<RawValue>> lookup, String missingSource) {
        this.lookup = lookup;
        this.missingSource = missingSource;
    }

    Optional<RawValue> raw(SettingKey key) {
        return lookup.apply(key).filter(raw -> !raw.text().isEmpty());
    }

    boolean given(SettingKey key) {
        return raw(key).isPresent();
    }

    /**
     * True when a layer gave the key empty, hiding the layers below it: only the console's overrides do (the files and
     * the environment leave an empty key out), and the key then has its default.
     */
    boolean cleared(SettingKey key) {
        return lookup.apply(key).filter(raw -> raw.text().isEmpty()).isPresent();
    }

    /** Where each given key's value comes from ({@code file:line}, {@code environment}, {@code console}). */
    Map<SettingKey, String> origins() {
        Map<SettingKey, String> origins = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            raw(key).ifPresent(raw -> origins.put(key, raw.source()));
        }
        return origins;
    }

    /** The parsed value, or {@code fallback} when the key is not given or (with a problem recorded) is wrong. */
    <T> T read(SettingKey key, T fallback, ValueParser<T> parser) {
        return optional(key, parser).orElse(fallback);
    }

    <T> Optional<T> optional(SettingKey key, ValueParser<T> parser) {
        Optional<RawValue> raw = raw(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(raw.get().text()));
        } catch (InvalidValueException e) {
            reject(key, e.expected());
            return Optional.empty();
        }
    }

    /** The key's value as a secret, or {@code fallback} when it is not given. */
    Secret secret(SettingKey key, Secret fallback) {
        return raw(key).map(raw -> Secret.of(raw.text())).orElse(fallback);
    }

    /** True when every one of {@code keys} parsed (or was not given), so a rule across them is worth checking. */
    boolean valid(SettingKey... keys) {
        for (SettingKey key : keys) {
            if (rejected.contains(key)) {
                return false;
            }
        }
        return true;
    }

    /** Records that {@code key}'s value (or its absence) is wrong. */
    void reject(SettingKey key, String expected) {
        rejected.add(key);
        Optional<RawValue> raw = raw(key);
        problems.add(new ConfigProblem(
                raw.map(RawValue::source).orElse(missingSource),
                key.name(),
                raw.map(r -> key.masked(r.text())).orElse(""),
                expected));
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }
}
