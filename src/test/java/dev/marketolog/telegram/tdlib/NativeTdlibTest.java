package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateClosed;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitPhoneNumber;
import dev.marketolog.telegram.tdlib.AuthorizationState.AuthorizationStateWaitTdlibParameters;
import dev.marketolog.telegram.tdlib.TdFunction.GetOption;
import dev.marketolog.telegram.tdlib.TdFunction.SetTdlibParameters;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue.OptionValueString;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateAuthorizationState;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresTdjson
class NativeTdlibTest {

    @Test
    void executesASynchronousRequestAndReportsVersion1865() {
        TdRuntime runtime = TdRuntime.shared();

        assertThat(runtime.execute(new GetOption("version"))).isEqualTo(new OptionValueString("1.8.65"));
    }

    @Test
    void newClientReachesWaitPhoneNumberOfflineAndClosesCleanly(@TempDir Path dir) throws Exception {
        var states = new LinkedBlockingQueue<AuthorizationState>();
        TdClient client = TdRuntime.shared().newClient(update -> {
            if (update instanceof UpdateAuthorizationState(AuthorizationState state)) {
                states.add(state);
            }
        });
        client.send(new GetOption("version")).get(60, TimeUnit.SECONDS);
        assertThat(states.poll(10, TimeUnit.SECONDS)).isInstanceOf(AuthorizationStateWaitTdlibParameters.class);

        client.send(new SetTdlibParameters(false, dir.resolve("db").toString(), "", new byte[0], false, false, false, false,
                        1, "00000000000000000000000000000000", "en", "test", "Linux", "0.1.0"))
                .get(60, TimeUnit.SECONDS);
        assertThat(states.poll(10, TimeUnit.SECONDS)).isInstanceOf(AuthorizationStateWaitPhoneNumber.class);

        client.send(new TdFunction.Close()).get(60, TimeUnit.SECONDS);
        AuthorizationState last;
        do {
            last = states.poll(10, TimeUnit.SECONDS);
        } while (last != null && !(last instanceof AuthorizationStateClosed));
        assertThat(last).isInstanceOf(AuthorizationStateClosed.class);
    }
}
