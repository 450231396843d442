package dev.marketolog.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads {@link Settings} from env files and the process environment, as DESIGN.md "Configuration" says: one file is
 * one account; an account's keys come from its file, then the environment, then the defaults; process-wide keys come
 * from the environment, then the files, which must agree. Every problem of every file is reported in one
 * {@link ConfigException}.
 */
public final class SettingsLoader {
    /** {@code .env.bot}, {@code .env.bot3}, {@code .env.bot_eu}: the account files found by default (not backups like {@code .env.bot1.bak}). */
    private static final Pattern ACCOUNT_FILE = Pattern.compile("\\.env\\.bot[A-Za-z0-9_-]*");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");
    private static final String ENVIRONMENT = "environment";

    private SettingsLoader() {}

    /** The given files, or when there are none, the ones {@link #discoverEnvFiles} finds in {@code workingDir}. */
    public static List<Path> resolveEnvFiles(List<Path> given, Path workingDir) throws ConfigException {
        return given.isEmpty() ? discoverEnvFiles(workingDir) : List.copyOf(given);
    }

    /** {@code .env} and then every {@code .env.bot*} of {@code dir} in natural order (bot2 before bot10). */
    public static List<Path> discoverEnvFiles(Path dir) throws ConfigException {
        List<Path> found = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(".env"))) {
            found.add(dir.resolve(".env"));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isRegularFile)
                    .map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> ACCOUNT_FILE.matcher(name).matches())
                    .sorted(naturalOrder())
                    .forEach(name -> found.add(dir.resolve(name)));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(dir.toString(), "", "", "a readable directory with .env files")));
        }
        return List.copyOf(found);
    }

    /**
     * Loads and validates everything.
     *
     * @param envFiles    one file per account; none means one account from the environment alone
     * @param environment the process environment (settings match its names ignoring case, as pydantic-settings does;
     *                    {@code ${NAME}} in a file matches them exactly, as python-dotenv does)
     */
    public static Settings load(List<Path> envFiles, Map<String, String> environment, Purpose purpose) throws ConfigException {
        Map<String, String> env = upperCaseKeys(environment);
        List<EnvFile> files = envFiles.stream()
                .map(EnvFileParser::parse)
                .map(file -> EnvInterpolation.expand(file, environment))
                .toList();
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        files.forEach(file -> problems.addAll(file.problems()));
        files.forEach(file -> warnings.addAll(unknownKeys(file)));

        ProcessSources processSources = new ProcessSources(files, env);
        ValueReader processValues = new ValueReader(
                processSources::lookup, files.isEmpty() ? ENVIRONMENT : files.getFirst().path().toString());
        ProcessSettings process = ProcessSettingsReader.read(processValues);
        problems.addAll(processSources.conflicts());
        problems.addAll(processValues.problems());
        if (process.consoleAccess() instanceof ConsoleAccess.Off off && process.adminToken().isPresent()) {
            String source = processSources.lookup(SettingKey.ADMIN_TOKEN).map(RawValue::source).orElse(ENVIRONMENT);
            warnings.add(source + ": " + off.reason() + ", so the console (admin API and panel) is off; " + ConsoleAccess.ADVICE);
        }

        List<AccountSettings> accounts = new ArrayList<>();
        Map<String, Map<SettingKey, String>> origins = new HashMap<>();
        if (files.isEmpty()) {
            ValueReader values = new ValueReader(key -> fromEnvironment(env, key), ENVIRONMENT);
            AccountSettings account = AccountSettingsReader.read(values, Optional.empty(), Optional.of("bot"), purpose, warnings);
            accounts.add(account);
            origins.put(account.name(), values.origins());
            problems.addAll(values.problems());
        }
        for (EnvFile file : files) {
            ValueReader values = new ValueReader(key -> fromFile(file, key).or(() -> fromEnvironment(env, key)),
                    file.path().toString());
            Optional<String> nameFromFile = Optional.of(nameFromFile(file.path())).filter(Values::isAccountName);
            AccountSettings account = AccountSettingsReader.read(values, Optional.of(file.path()), nameFromFile, purpose, warnings);
            accounts.add(account);
            origins.putIfAbsent(account.name(), values.origins());
            problems.addAll(values.problems());
        }
        problems.addAll(duplicateNames(accounts));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Settings(process, accounts, warnings, origins);
    }

    /** The account name a file gives when ACCOUNT_NAME is not set: {@code .env} → bot, {@code .env.bot3} → bot3, {@code eu.env} → eu. */
    static String nameFromFile(Path file) {
        String name = file.getFileName().toString();
        if (name.equals(".env")) {
            return "bot";
        }
        if (name.startsWith(".env.")) {
            return name.substring(".env.".length());
        }
        return name.endsWith(".env") ? name.substring(0, name.length() - ".env".length()) : name;
    }

    private static Optional<RawValue> fromFile(EnvFile file, SettingKey key) {
        return file.find(key.name())
                .filter(entry -> !entry.value().isEmpty())
                .map(entry -> new RawValue(entry.value(), file.where(entry.line())));
    }

    private static Optional<RawValue> fromEnvironment(Map<String, String> env, SettingKey key) {
        return Optional.ofNullable(env.get(key.name()))
                .filter(value -> !value.isEmpty())
                .map(value -> new RawValue(value, ENVIRONMENT));
    }

    /** pydantic-settings matches names ignoring case; an exact upper-case name wins over another spelling. */
    private static Map<String, String> upperCaseKeys(Map<String, String> environment) {
        Map<String, String> upper = new HashMap<>();
        environment.forEach((key, value) -> {
            String name = key.toUpperCase(Locale.ROOT);
            if (name.equals(key)) {
                upper.put(name, value);
            } else {
                upper.putIfAbsent(name, value);
            }
        });
        return upper;
    }

    /** The environment is full of unrelated variables, so only the keys of files are checked. */
    private static List<String> unknownKeys(EnvFile file) {
        return file.entries().stream()
                .filter(entry -> SettingKey.named(entry.key()).isEmpty())
                .map(entry -> file.where(entry.line()) + (EnvEntry.nameShaped(entry.name())
                        ? ": unknown key " + entry.key() + " is ignored"
                        : ": a line that names no setting is ignored (not shown: it may hold a secret)"))
                .toList();
    }

    private static List<ConfigProblem> duplicateNames(List<AccountSettings> accounts) {
        Map<String, AccountSettings> byName = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (AccountSettings account : accounts) {
            AccountSettings first = byName.putIfAbsent(account.name(), account);
            if (first != null) {
                problems.add(new ConfigProblem(
                        account.envFile().map(Path::toString).orElse(ENVIRONMENT),
                        SettingKey.ACCOUNT_NAME.name(),
                        account.name(),
                        "a name of its own: " + first.envFile().map(Path::toString).orElse(ENVIRONMENT)
                                + " is also account " + account.name() + "; set ACCOUNT_NAME in one of them"));
            }
        }
        return problems;
    }

    /** bot, bot2, bot10 rather than bot, bot10, bot2. */
    private static Comparator<String> naturalOrder() {
        return Comparator.comparing((String name) -> split(name).prefix)
                .thenComparingLong(name -> split(name).number)
                .thenComparing(Comparator.naturalOrder());
    }

    private record NamePart(String prefix, long number) {}

    private static NamePart split(String name) {
        Matcher m = TRAILING_NUMBER.matcher(name);
        if (m.matches() && m.group(2).length() < 18) {
            return new NamePart(m.group(1), Long.parseLong(m.group(2)));
        }
        return new NamePart(name, -1);
    }

    /** Process-wide keys: the environment first, then the first file giving the key; other files must agree. */
    private static final class ProcessSources {
        private final List<EnvFile> files;
        private final Map<String, String> env;

        ProcessSources(List<EnvFile> files, Map<String, String> env) {
            this.files = files;
            this.env = env;
        }

        Optional<RawValue> lookup(SettingKey key) {
            return fromEnvironment(env, key).or(() -> files.stream().flatMap(f -> fromFile(f, key).stream()).findFirst());
        }

        List<ConfigProblem> conflicts() {
            List<ConfigProblem> problems = new ArrayList<>();
            for (SettingKey key : SettingKey.values()) {
                if (!key.processWide() || fromEnvironment(env, key).isPresent()) {
                    continue;
                }
                List<RawValue> given = files.stream().flatMap(f -> fromFile(f, key).stream()).toList();
                given.stream().skip(1)
                        .filter(other -> !other.text().equals(given.getFirst().text()))
                        .forEach(other -> problems.add(new ConfigProblem(other.source(), key.name(), key.masked(other.text()),
                                "the value of " + given.getFirst().source() + " (" + key.name()
                                        + " is one value for the whole process)")));
            }
            return problems;
        }
    }
}
