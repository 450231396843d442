package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.Secret;
import dev.marketolog.telegram.TelegramListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session on the real libtdjson, offline: it gets as far as asking for a phone number. */
@RequiresTdjson
class TdlibAccountTest {

    /** An account with a (meaningless) API id and hash: TDLib only checks they are given until it goes online. */
    static AccountSettings account(String name) {
        AccountSettings d = AccountSettings.defaults(name, List.of(-1001L));
        return new AccountSettings(d.name(), d.envFile(), OptionalInt.of(1), Secret.of("00000000000000000000000000000000"),
                d.hasTelethonSession(), d.enabled(), d.allowlist(), d.limits(), d.spamGuard(), d.llm(), d.persona(), d.dryRun(),
                Secret.of("session key"), d.proxy(), d.sendTimeout(), d.selfDeletedLimit(), d.skipKeywords(), d.cacheTtl(), d.review());
    }

    @Test
    void aNewSessionNeedsLoginAndKeepsItsDatabasePrivate(@TempDir Path dataDir) throws Exception {
        TdlibAccount session = TdlibAccount.open(TdRuntime.shared(), account("bot7"), dataDir, LoginPrompts.NONE);
        try {
            assertThatThrownBy(() -> session.whenReady().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(LoginPrompts.LoginRequired.class);
            assertThat(session.authorization()).isEqualTo("waitPhoneNumber");
            assertThat(session.ready()).isFalse();
            Path directory = dataDir.resolve("sessions").resolve("bot7");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        } finally {
            session.close();
        }
        assertThat(session.authorization()).isEqualTo("closed");
    }

    @Test
    void aSessionLoggedOutElsewhereTellsTheEngineOnceThatItIsGone(@TempDir Path dataDir) throws Exception {
        ScriptedTransport transport = new ScriptedTransport();
        TdRuntime runtime = new TdRuntime(transport);
        List<String> gone = new CopyOnWriteArrayList<>();
        try {
            TdlibAccount session = TdlibAccount.open(runtime, account("bot8"), dataDir, LoginPrompts.NONE);
            session.telegram().listen(new TelegramListener() {
                @Override
                public void sessionGone(String reason) {
                    gone.add(reason);
                }
            });
            transport.update(1, state("authorizationStateReady"));
            session.whenReady().get(60, TimeUnit.SECONDS);

            transport.update(1, state("authorizationStateLoggingOut"));
            transport.update(1, state("authorizationStateClosed"));
            // Updates are handled in order on one thread: once this last one shows, both states above were handled whole.
            transport.update(1, "{\"@type\":\"updateConnectionState\",\"state\":{\"@type\":\"connectionStateReady\"}}");
            awaitTrue(() -> session.connection().equals("ready"));

            assertThat(gone).containsExactly("the session was logged out (revoked, or ended on another device)");
            assertThat(session.authorization()).isEqualTo("closed");
        } finally {
            runtime.close();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(60)).until(condition::getAsBoolean);
    }

    private static String state(String type) {
        return "{\"@type\":\"updateAuthorizationState\",\"authorization_state\":{\"@type\":\"" + type + "\"}}";
    }
}
