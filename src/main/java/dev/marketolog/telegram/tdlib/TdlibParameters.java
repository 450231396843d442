package dev.marketolog.telegram.tdlib;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProxySettings;
import dev.marketolog.telegram.tdlib.TdFunction.AddProxy;
import dev.marketolog.telegram.tdlib.TdFunction.Proxy;
import dev.marketolog.telegram.tdlib.TdFunction.ProxyType.ProxyTypeSocks5;
import dev.marketolog.telegram.tdlib.TdFunction.SetTdlibParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What one account's TDLib client is started with: its own database directory {@code DATA_DIR/sessions/<account>}
 * (mode 0700, encrypted with SESSION_ENCRYPTION_KEY when set), the API id and hash, and our real name, version and
 * operating system as device (never an imitation of some phone), and its SOCKS5 proxy when TG_PROXY_* is set.
 */
public record TdlibParameters(SetTdlibParameters request, Optional<AddProxy> proxy) {

    /** The parameters of {@code account}, its session directory created if needed. */
    public static TdlibParameters of(AccountSettings account, Path dataDir) {
        Path directory = sessionDirectory(dataDir, account.name());
        createPrivateDirectory(directory);
        var request = new SetTdlibParameters(
                false,
                directory.toString(),
                "",
                account.sessionEncryptionKey().reveal().getBytes(StandardCharsets.UTF_8),
                false,
                true, // chats and supergroups survive a restart, so a channel is known without searching again
                false, // posts are read fresh from the server; no local message history is needed
                false,
                account.apiId().orElse(0),
                account.apiHash().reveal(),
                "en",
                "Marketolog",
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                applicationVersion());
        return new TdlibParameters(request, account.proxy().map(TdlibParameters::addProxy));
    }

    /** Where the account's TDLib database lives. */
    public static Path sessionDirectory(Path dataDir, String account) {
        return dataDir.resolve("sessions").resolve(account);
    }

    static AddProxy addProxy(ProxySettings proxy) {
        return new AddProxy(new Proxy(proxy.host(), proxy.port(),
                new ProxyTypeSocks5(proxy.user().orElse(""), proxy.password().reveal())), true, "TG_PROXY");
    }

    /** Our version, from the build. */
    public static String applicationVersion() {
        try (InputStream in = TdlibParameters.class.getResourceAsStream("/marketolog-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void createPrivateDirectory(Path directory) {
        try {
            Files.createDirectories(directory.getParent().getParent());
            // DATA_DIR/sessions too: every directory the service creates under DATA_DIR is 0700
            for (Path level : List.of(directory.getParent(), directory)) {
                if (!Files.exists(level)) {
                    Files.createDirectory(level, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    Files.setPosixFilePermissions(level, PosixFilePermissions.fromString("rwx------"));
                }
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the session directory " + directory, e);
        }
    }

    @Override
    public String toString() {
        return "TdlibParameters[" + request + ", proxy=" + proxy.isPresent() + "]";
    }
}
