package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.telegram.tdlib.ScriptedTransport.Sent;
import dev.marketolog.telegram.tdlib.TdFunction.GetOption;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue;
import dev.marketolog.telegram.tdlib.TdObject.OptionValue.OptionValueString;
import dev.marketolog.telegram.tdlib.TdObject.TdError;
import dev.marketolog.telegram.tdlib.TdUpdate.UpdateOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TdRouterTest {

    private final ScriptedTransport transport = new ScriptedTransport();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TdRuntime runtime = new TdRuntime(transport, scheduler);

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void everyFutureCompletesOnceWithItsOwnAnswerAcross50ClientsAnd100000Requests() throws Exception {
        int clients = 50;
        int requests = 100_000;
        Map<Integer, List<String>> updatesSeen = new ConcurrentHashMap<>();
        Map<Integer, List<String>> updatesSent = new ConcurrentHashMap<>();
        List<TdClient> tdClients = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            TdClient client = runtime.newClient(update -> seen.add(((UpdateOption) update).name()));
            updatesSeen.put(client.id(), seen);
            updatesSent.put(client.id(), new ArrayList<>());
            tdClients.add(client);
        }
        AtomicInteger completions = new AtomicInteger();
        List<CompletableFuture<OptionValue>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            TdClient client = tdClients.get(i % clients);
            CompletableFuture<OptionValue> future = client.send(new GetOption("c" + client.id() + "-r" + i));
            future.thenRun(completions::incrementAndGet);
            futures.add(future);
        }
        List<Sent> sent = new ArrayList<>();
        transport.sent().drainTo(sent);
        assertThat(sent).hasSize(requests);

        // answers out of order, a tenth of them twice, each client's update sent twice in between
        Collections.shuffle(sent, new Random(42));
        for (int i = 0; i < sent.size(); i++) {
            Sent request = sent.get(i);
            String answer = "{\"@type\":\"optionValueString\",\"value\":\"" + request.request().path("name").asText() + "\"}";
            transport.answer(request, answer);
            if (i % 10 == 0) {
                transport.answer(request, answer);
                String update = "{\"@type\":\"updateOption\",\"name\":\"u" + i + "\",\"value\":{\"@type\":\"optionValueEmpty\"}}";
                transport.update(request.clientId(), update);
                transport.update(request.clientId(), update);
                updatesSent.get(request.clientId()).addAll(List.of("u" + i, "u" + i));
            }
        }

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < requests; i++) {
            int clientId = tdClients.get(i % clients).id();
            assertThat(futures.get(i).join()).isEqualTo(new OptionValueString("c" + clientId + "-r" + i));
        }
        assertThat(completions).hasValue(requests);
        assertThat(runtime.router().pendingCount()).isZero();
        // the loop is single-threaded: once the last answer is routed, every earlier update has been handled
        assertThat(updatesSeen).isEqualTo(updatesSent);
    }

    @Test
    void aHandlerThatThrowsNeverStopsTheLoop() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TdClient failing = runtime.newClient(update -> {
            throw new IllegalStateException("handler bug");
        });
        TdClient healthy = runtime.newClient(update -> seen.add(((UpdateOption) update).name()));

        transport.update(failing.id(), "{\"@type\":\"updateOption\",\"name\":\"a\",\"value\":{\"@type\":\"optionValueEmpty\"}}");
        transport.update(healthy.id(), "{\"@type\":\"updateOption\",\"name\":\"b\",\"value\":{\"@type\":\"optionValueEmpty\"}}");
        CompletableFuture<OptionValue> answer = healthy.send(new GetOption("version"));
        transport.answer(transport.nextSent(), "{\"@type\":\"optionValueString\",\"value\":\"1.8.65\"}");

        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(new OptionValueString("1.8.65"));
        assertThat(seen).containsExactly("b");
    }

    @Test
    void anErrorAnswerFailsTheFutureWithTdError() {
        TdClient client = runtime.newClient(update -> {});
        CompletableFuture<OptionValue> answer = client.send(new GetOption("nope"));
        transport.answer(transport.nextSent(), "{\"@type\":\"error\",\"code\":400,\"message\":\"Option not found\"}");

        assertThatThrownBy(() -> answer.get(60, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(TdException.class, e -> assertThat(e.error()).isEqualTo(new TdError(400, "Option not found")));
    }

    @Test
    void anUnansweredRequestTimesOutAndIsForgotten() {
        TdClient client = runtime.newClient(update -> {});
        CompletableFuture<OptionValue> answer = client.send(new GetOption("version"), Duration.ofSeconds(5));
        transport.nextSent("getOption");
        scheduler.advance(Duration.ofSeconds(5));

        assertThatThrownBy(() -> answer.get(60, TimeUnit.SECONDS)).cause().isInstanceOf(TdTimeoutException.class)
                .hasMessage("Telegram did not answer within 5 s (getOption): check the network or TG_PROXY_*");
        assertThat(runtime.router().pendingCount()).isZero();
    }

    @Test
    void anAnsweredRequestLeavesNoTimerBehind() throws Exception {
        TdClient client = runtime.newClient(update -> {});
        CompletableFuture<OptionValue> answer = client.send(new GetOption("version"));
        transport.answer(transport.nextSent(), "{\"@type\":\"optionValueString\",\"value\":\"1.8.65\"}");

        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(new OptionValueString("1.8.65"));
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void anAnswerCarryingAnotherClientsIdCompletesNothing() throws Exception {
        TdClient client = runtime.newClient(update -> {});
        CompletableFuture<OptionValue> answer = client.send(new GetOption("version"));
        Sent request = transport.nextSent();
        transport.receive("{\"@type\":\"optionValueString\",\"value\":\"wrong\",\"@extra\":" + request.extra() + ",\"@client_id\":999}");
        transport.answer(request, "{\"@type\":\"optionValueString\",\"value\":\"right\"}");

        assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(new OptionValueString("right"));
    }
}
