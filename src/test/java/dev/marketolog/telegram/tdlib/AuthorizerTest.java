package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateReady;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitCode;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitEmailAddress;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitOtherDeviceConfirmation;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitPassword;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitPhoneNumber;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitPremiumPurchase;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitRegistration;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitTdlibParameters;
import dev.marketolog.telegram.tdlib.ScriptedTransport.Sent;
import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProxySettings;
import dev.marketolog.config.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login flow on a scripted TDLib, answered by scripted prompts. */
class AuthorizerTest {

    private final ScriptedTransport transport = new ScriptedTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TdRuntime runtime = new TdRuntime(transport, scheduler);
    private final TdClient client = runtime.newClient(update -> {});
    private final ScriptedPrompts prompts = new ScriptedPrompts();

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        runtime.close();
    }

    /** Answers from a list; records the problems it was told about. */
    static class ScriptedPrompts implements LoginPrompts {
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        final BlockingQueue<String> problems = new LinkedBlockingQueue<>();
        final BlockingQueue<String> links = new LinkedBlockingQueue<>();
        boolean qr;

        @Override
        public boolean useQrCode() {
            return qr;
        }

        @Override
        public CompletableFuture<String> phoneNumber() {
            return CompletableFuture.completedFuture(answers.remove());
        }

        @Override
        public CompletableFuture<String> code(String problem) {
            problems.add(problem);
            return CompletableFuture.completedFuture(answers.remove());
        }

        @Override
        public CompletableFuture<String> password(String hint, String problem) {
            problems.add(problem);
            return CompletableFuture.completedFuture(answers.remove());
        }

        @Override
        public void showQrLink(String link) {
            links.add(link);
        }

        @Override
        public void tell(String message) {
            problems.add(message);
        }
    }

    private Authorizer authorizer() {
        return new Authorizer(client, TdlibParameters.of(TdlibAccountTest.account("bot1"), dataDir), prompts);
    }

    @Test
    void phoneCodeAndPasswordAreAskedAndAWrongCodeOrPasswordIsAskedAgain() throws Exception {
        prompts.answers.addAll(List.of("+4915112345678", "11111", "22222", "wrong", "right"));
        Authorizer authorizer = authorizer();

        authorizer.on(new AuthorizationStateWaitTdlibParameters());
        Sent parameters = transport.nextSent("setTdlibParameters");
        assertThat(parameters.request().path("database_directory").asText()).isEqualTo(dataDir.resolve("sessions/bot1").toString());
        assertThat(parameters.request().path("use_message_database").asBoolean()).isFalse();
        assertThat(parameters.request().path("device_model").asText()).isEqualTo("Marketolog");
        transport.answer(parameters, "{\"@type\":\"ok\"}");

        authorizer.on(new AuthorizationStateWaitPhoneNumber());
        Sent phone = transport.nextSent("setAuthenticationPhoneNumber");
        assertThat(phone.request().path("phone_number").asText()).isEqualTo("+4915112345678");
        transport.answer(phone, "{\"@type\":\"ok\"}");

        authorizer.on(new AuthorizationStateWaitCode());
        Sent firstCode = transport.nextSent("checkAuthenticationCode");
        transport.answer(firstCode, "{\"@type\":\"error\",\"code\":400,\"message\":\"PHONE_CODE_INVALID\"}");
        Sent secondCode = transport.nextSent("checkAuthenticationCode");
        assertThat(secondCode.request().path("code").asText()).isEqualTo("22222");
        transport.answer(secondCode, "{\"@type\":\"ok\"}");

        authorizer.on(new AuthorizationStateWaitPassword("pet's name"));
        transport.answer(transport.nextSent("checkAuthenticationPassword"),
                "{\"@type\":\"error\",\"code\":400,\"message\":\"PASSWORD_HASH_INVALID\"}");
        Sent password = transport.nextSent("checkAuthenticationPassword");
        assertThat(password.request().path("password").asText()).isEqualTo("right");
        transport.answer(password, "{\"@type\":\"ok\"}");
        authorizer.on(new AuthorizationStateReady());

        authorizer.outcome().get(60, TimeUnit.SECONDS);
        assertThat(prompts.problems).contains(
                "the code is wrong (PHONE_CODE_INVALID); type it again",
                "the password is wrong (PASSWORD_HASH_INVALID); type it again");
    }

    @Test
    void theProxyIsAddedAndEnabledRightAfterTheParameters() {
        AccountSettings d = TdlibAccountTest.account("bot3");
        AccountSettings proxied = new AccountSettings(d.name(), d.envFile(), d.apiId(), d.apiHash(), d.hasTelethonSession(), d.enabled(),
                d.allowlist(), d.limits(), d.spamGuard(), d.llm(), d.persona(), d.dryRun(), d.sessionEncryptionKey(),
                Optional.of(new ProxySettings("10.0.0.5", 1080, Optional.empty(), Secret.NONE)), d.sendTimeout(),
                d.selfDeletedLimit(), d.skipKeywords(), d.cacheTtl(), d.review());
        Authorizer authorizer = new Authorizer(client, TdlibParameters.of(proxied, dataDir), prompts);

        authorizer.on(new AuthorizationStateWaitTdlibParameters());
        transport.answer(transport.nextSent("setTdlibParameters"), "{\"@type\":\"ok\"}");
        Sent addProxy = transport.nextSent("addProxy");

        assertThat(addProxy.request().path("enable").asBoolean()).isTrue();
        assertThat(addProxy.request().path("proxy").path("type").path("@type").asText()).isEqualTo("proxyTypeSocks5");
    }

    @Test
    void qrLoginRequestsAQrCodeAndShowsItsLink() throws Exception {
        prompts.qr = true;
        Authorizer authorizer = authorizer();

        authorizer.on(new AuthorizationStateWaitPhoneNumber());
        transport.answer(transport.nextSent("requestQrCodeAuthentication"), "{\"@type\":\"ok\"}");
        authorizer.on(new AuthorizationStateWaitOtherDeviceConfirmation("tg://login?token=AQID"));

        assertThat(prompts.links.poll(10, TimeUnit.SECONDS)).isEqualTo("tg://login?token=AQID");
    }

    @Test
    void statesWeCannotGetPastEndTheLoginWithAClearReason() {
        for (AuthorizationState state : List.of(new AuthorizationStateWaitEmailAddress(), new AuthorizationStateWaitRegistration(),
                new AuthorizationStateWaitPremiumPurchase("premium"))) {
            Authorizer authorizer = authorizer();
            authorizer.on(state);
            assertThatThrownBy(() -> authorizer.outcome().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(LoginPrompts.LoginRequired.class)
                    .hasMessageContaining("official");
        }
    }

    @Test
    void telegramNotAnsweringEndsTheLoginSayingWhatToCheck() {
        prompts.answers.add("+4915112345678");
        Authorizer authorizer = authorizer();

        authorizer.on(new AuthorizationStateWaitPhoneNumber());
        transport.nextSent("setAuthenticationPhoneNumber");
        scheduler.advance(TdClient.DEFAULT_TIMEOUT);

        assertThatThrownBy(() -> authorizer.outcome().get(60, TimeUnit.SECONDS))
                .cause().isInstanceOf(TdTimeoutException.class)
                .hasMessage("Telegram did not answer within 30 s (setAuthenticationPhoneNumber): check the network or TG_PROXY_*");
    }

    @Test
    void aFailureWithoutAMessageStillSaysWhatFailed() {
        prompts.answers.add("+4915112345678");
        Authorizer authorizer = new Authorizer(client, TdlibParameters.of(TdlibAccountTest.account("bot1"), dataDir), new ScriptedPrompts() {
            @Override
            public CompletableFuture<String> phoneNumber() {
                return CompletableFuture.failedFuture(new NullPointerException());
            }
        });

        authorizer.on(new AuthorizationStateWaitPhoneNumber());

        assertThatThrownBy(() -> authorizer.outcome().get(60, TimeUnit.SECONDS))
                .cause().hasMessage("login failed: NullPointerException");
    }

    @Test
    void withoutPromptsAnUnauthorizedSessionNeedsLogin() {
        Authorizer authorizer = new Authorizer(client, TdlibParameters.of(TdlibAccountTest.account("bot1"), dataDir), LoginPrompts.NONE);

        authorizer.on(new AuthorizationStateWaitPhoneNumber());

        assertThatThrownBy(() -> authorizer.outcome().get(60, TimeUnit.SECONDS)).cause().isInstanceOf(LoginPrompts.LoginRequired.class);
    }
}
