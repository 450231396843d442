package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.tdlib.AuthorizationState;
import dev.marketolog.telegram.tdlib.LoginPrompts;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What serve advises when a session does not become ready: a login only when the session waits for one. */
class TdlibSessionsTest {

    private static final Optional<Path> ENV_FILE = Optional.of(Path.of(".env.bot2"));

    @Test
    void aSessionThatAsksForAPhoneNumberNeedsALogin() {
        ExecutionException failure = new ExecutionException(new LoginPrompts.LoginRequired("the session is not logged in"));

        assertThat(TdlibSessions.advice(failure, true, "ready", ENV_FILE)).isEqualTo("run `marketolog login --env-file .env.bot2`");
    }

    @Test
    void aTimeoutWhileWaitingForACodeOrPasswordNeedsALogin() {
        assertThat(TdlibSessions.advice(new TimeoutException(), true, "ready", ENV_FILE)).contains("marketolog login");
    }

    @Test
    void aTimeoutWhileTheSessionStillConnectsIsANetworkProblemNotALoginOne() {
        String advice = TdlibSessions.advice(new TimeoutException(), false, "waitingForNetwork", ENV_FILE);

        assertThat(advice).contains("did not answer within 60 s", "connection: waitingForNetwork", "check the network")
                .doesNotContain("marketolog login");
    }

    @Test
    void anyOtherFailureSaysWhatItWas() {
        ExecutionException failure = new ExecutionException(new IllegalStateException("TDLib refused the session parameters"));

        assertThat(TdlibSessions.advice(failure, false, "connecting", ENV_FILE))
                .isEqualTo("the session failed: TDLib refused the session parameters");
    }

    @Test
    void onlyTheStatesThatAskForLoginDataWaitForALogin() {
        assertThat(new AuthorizationState.AuthorizationStateWaitPhoneNumber().waitsForLogin()).isTrue();
        assertThat(new AuthorizationState.AuthorizationStateWaitCode().waitsForLogin()).isTrue();
        assertThat(new AuthorizationState.AuthorizationStateWaitPassword("hint").waitsForLogin()).isTrue();
        assertThat(new AuthorizationState.AuthorizationStateWaitTdlibParameters().waitsForLogin()).isFalse();
        assertThat(new AuthorizationState.AuthorizationStateClosed().waitsForLogin()).isFalse();
    }
}
