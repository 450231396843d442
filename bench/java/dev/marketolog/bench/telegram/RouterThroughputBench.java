package dev.marketolog.bench.telegram;

import dev.marketolog.telegram.tdlib.TdClient;
import dev.marketolog.telegram.tdlib.TdFunction.GetOption;
import dev.marketolog.telegram.tdlib.TdRuntime;
import dev.marketolog.telegram.tdlib.TdTransport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers routed per second by the TDLib router (goal: at least 200,000/s): 50 clients send 100,000 requests, then
 * their answers, shuffled, are routed one by one as the receive thread would, each completing its typed future.
 * Run: {@code bench/run RouterThroughputBench} (or java -cp target/classes:target/test-classes:$(cat target/cp.txt) ...).
 */
public final class RouterThroughputBench {

    private static final int CLIENTS = 50;
    private static final int REQUESTS = 100_000;
    private static final int ROUNDS = 8;
    /** CPU time as well as wall time: on a machine shared with other work, wall time mostly measures the others. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern EXTRA = Pattern.compile("\"@extra\":(\\d+)");

    /** Keeps what was sent; td_receive is never fed, the bench routes the answers itself. */
    private static final class RecordingTransport implements TdTransport {
        private int nextId = 1;
        final List<String> answers = new ArrayList<>();

        @Override
        public synchronized int createClientId() {
            return nextId++;
        }

        @Override
        public synchronized void send(int clientId, String request) {
            Matcher m = EXTRA.matcher(request);
            if (!m.find()) {
                throw new IllegalStateException("a request without @extra: " + request);
            }
            answers.add("{\"@type\":\"optionValueString\",\"value\":\"1.8.65\",\"@extra\":" + m.group(1) + ",\"@client_id\":" + clientId + "}");
        }

        @Override
        public String receive(double timeoutSeconds) {
            try {
                Thread.sleep((long) (timeoutSeconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public String execute(String request) {
            throw new UnsupportedOperationException();
        }
    }

    public static void main(String[] args) {
        for (int round = 1; round <= ROUNDS; round++) {
            RecordingTransport transport = new RecordingTransport();
            try (TdRuntime runtime = new TdRuntime(transport)) {
                List<TdClient> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(runtime.newClient(update -> {}));
                }
                List<CompletableFuture<?>> futures = new ArrayList<>(REQUESTS);
                for (int i = 0; i < REQUESTS; i++) {
                    futures.add(clients.get(i % CLIENTS).send(new GetOption("version")));
                }
                Collections.shuffle(transport.answers, new Random(round));

                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                for (String answer : transport.answers) {
                    runtime.router().route(answer);
                }
                long elapsed = System.nanoTime() - start;
                long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;

                long done = futures.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
                System.out.printf("round %d: %,d answers routed in %.1f ms = %,.0f answers/s; on the routing thread's CPU time "
                                + "%.1f ms = %,.0f answers/s (%,d futures completed)%n",
                        round, REQUESTS, elapsed / 1e6, REQUESTS / (elapsed / 1e9), cpu / 1e6, REQUESTS / (cpu / 1e9), done);
            }
        }
    }
}
