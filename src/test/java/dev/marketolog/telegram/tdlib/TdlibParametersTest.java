package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProxySettings;
import dev.marketolog.config.Secret;
import dev.marketolog.telegram.tdlib.TdFunction.ProxyType.ProxyTypeSocks5;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TdlibParametersTest {

    private static AccountSettings withProxy(AccountSettings d) {
        return new AccountSettings(d.name(), d.envFile(), d.apiId(), Secret.of("0123456789abcdef0123456789abcdef"),
                d.hasTelethonSession(), d.enabled(), d.allowlist(), d.limits(), d.spamGuard(), d.llm(), d.persona(), d.dryRun(),
                Secret.of("database-key"), Optional.of(new ProxySettings("10.0.0.5", 1080, Optional.of("proxyuser"), Secret.of("proxypass"))),
                d.sendTimeout(), d.selfDeletedLimit(), d.skipKeywords(), d.cacheTtl(), d.review());
    }

    @Test
    void theSessionDirectoryAndTheSessionsDirectoryHoldingItAreOwnerOnly(@TempDir Path dataDir) throws IOException {
        TdlibParameters.of(TdlibAccountTest.account("bot2"), dataDir);

        for (Path directory : List.of(dataDir.resolve("sessions"), dataDir.resolve("sessions/bot2"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                    .as(directory.toString()).isEqualTo("rwx------");
        }
    }

    @Test
    void theSessionIsEncryptedWithTheKeyAndConnectsThroughTheSocks5Proxy(@TempDir Path dataDir) {
        TdlibParameters parameters = TdlibParameters.of(withProxy(TdlibAccountTest.account("bot2")), dataDir);

        assertThat(parameters.request().databaseEncryptionKey()).isEqualTo("database-key".getBytes(StandardCharsets.UTF_8));
        assertThat(parameters.request().useTestDc()).isFalse();
        assertThat(parameters.request().systemVersion()).startsWith(System.getProperty("os.name"));
        assertThat(parameters.proxy()).get().satisfies(add -> {
            assertThat(add.enable()).isTrue();
            assertThat(add.proxy().server()).isEqualTo("10.0.0.5");
            assertThat(add.proxy().port()).isEqualTo(1080);
            assertThat(add.proxy().type()).isEqualTo(new ProxyTypeSocks5("proxyuser", "proxypass"));
        });
    }

    @Test
    void printingTheParametersNeverShowsASecret(@TempDir Path dataDir) {
        TdlibParameters parameters = TdlibParameters.of(withProxy(TdlibAccountTest.account("bot2")), dataDir);

        assertThat(parameters.toString() + parameters.request() + parameters.proxy().orElseThrow())
                .doesNotContain("0123456789abcdef0123456789abcdef", "database-key", "proxypass");
    }
}
