package dev.marketolog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.engine.RunState;
import dev.marketolog.store.CaffeineCache;
import dev.marketolog.store.Database;
import dev.marketolog.store.TestDatabase;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.marketolog.cache.Cache;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WebServerTest {

    private static final String VERSION = "1.2.3-test";
    private static final Instant STARTED = Instant.parse("2026-11-25T10:00:00Z");
    private static final InstantSource NOW = InstantSource.fixed(STARTED.plusSeconds(75));
    private static final Instant SPAM_BLOCK_UNTIL = Instant.parse("2026-11-25T11:30:00Z");

    private static final AccountStatusSource ACCOUNTS = () -> List.of(
            new AccountStatus("bot", RunState.RUNNING, 12, 40, Optional.of(SPAM_BLOCK_UNTIL), Optional.empty(),
                    Optional.of(new TelegramSession("ready", "connecting")), 2),
            new AccountStatus("bot2", RunState.NEEDS_LOGIN, 0, 10, Optional.empty(), Optional.empty(), Optional.empty(), 0));

    @AutoClose
    static final TestDatabase db = TestDatabase.create();

    @AutoClose
    final Metrics metrics = Metrics.start(VERSION);

    private final ObjectMapper json = new ObjectMapper();

    private WebServer serve(Database database) {
        HealthHandler health = new HealthHandler(VERSION, NOW, STARTED, () -> database.health().state().label(), new CaffeineCache(), ACCOUNTS);
        return WebServer.start("127.0.0.1", 0, health, new MetricsHandler(metrics.registry()));
    }

    @Test
    void healthIsOkWithTheFullReportWhenTheDatabaseAnswers() throws Exception {
        try (WebServer server = serve(db.database())) {
            HttpResponse<String> response = TestHttp.get(server.port(), "/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("up");
            assertThat(body.get("version").asText()).isEqualTo(VERSION);
            assertThat(body.get("uptime_seconds").asLong()).isEqualTo(75);
            assertThat(body.get("database").asText()).isEqualTo("up");
            assertThat(body.get("cache").asText()).isEqualTo("in-process");
            JsonNode first = body.get("accounts").get(0);
            assertThat(first.get("name").asText()).isEqualTo("bot");
            assertThat(first.get("state").asText()).isEqualTo("running");
            assertThat(first.get("sent_today").asInt()).isEqualTo(12);
            assertThat(first.get("daily_limit").asInt()).isEqualTo(40);
            assertThat(first.get("spam_block_until").asText()).isEqualTo("2026-11-25T11:30:00Z");
            assertThat(first.get("flood_wait_until").isNull()).isTrue();
            assertThat(first.get("telegram").get("authorization").asText()).isEqualTo("ready");
            assertThat(first.get("telegram").get("connection").asText()).isEqualTo("connecting");
            assertThat(body.get("accounts").get(1).get("telegram").isNull()).isTrue();
            assertThat(body.get("accounts").get(1).get("state").asText()).isEqualTo("needs login");
        }
    }

    @Test
    void healthNamesTheInstanceAndAnAccountRunElsewhereIsNoFailure() throws Exception {
        AccountStatusSource sharing = new AccountStatusSource() {
            @Override
            public List<AccountStatus> accounts() {
                return List.of(new AccountStatus("bot", RunState.RUNNING_ELSEWHERE, 3, 40, Optional.empty(), Optional.empty(),
                        Optional.of(new TelegramSession("closed", "closed")), 0));
            }

            @Override
            public Optional<String> instance() {
                return Optional.of("instance-1");
            }
        };
        HealthHandler health = new HealthHandler(VERSION, NOW, STARTED, () -> "up", new CaffeineCache(), sharing);
        try (WebServer server = WebServer.start("127.0.0.1", 0, health, new MetricsHandler(metrics.registry()))) {
            HttpResponse<String> response = TestHttp.get(server.port(), "/health");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("up");
            assertThat(body.get("instance").asText()).isEqualTo("instance-1");
            assertThat(body.get("accounts").get(0).get("state").asText()).isEqualTo("running elsewhere");
        }
    }

    @Test
    void onlyHealthAndMetricsAreServedAndNoAdminApiPanelOrReviewQueueExistsYet() throws Exception {
        try (WebServer server = serve(db.database())) {
            for (String path : List.of("/", "/admin", "/api", "/api/accounts", "/panel", "/review")) {
                assertThat(TestHttp.get(server.port(), path).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(TestHttp.get(server.port(), "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void healthIsUnavailableWithTheReportWhenTheDatabaseIsDown() throws Exception {
        Database closed = Database.connect(db.dsn());
        closed.close();
        try (WebServer server = serve(closed)) {
            HttpResponse<String> response = TestHttp.get(server.port(), "/health");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("down");
            assertThat(body.get("database").asText()).isEqualTo("down");
            assertThat(body.get("version").asText()).isEqualTo(VERSION);
        }
    }

    @Test
    void healthIsUnavailableWhenTheAccountsCannotBeRead() throws Exception {
        AccountStatusSource failing = () -> {
            throw new IllegalStateException("account table unreachable");
        };
        HealthHandler health = new HealthHandler(VERSION, NOW, STARTED, () -> "up", new CaffeineCache(), failing);
        try (WebServer server = WebServer.start("127.0.0.1", 0, health, new MetricsHandler(metrics.registry()))) {
            HttpResponse<String> response = TestHttp.get(server.port(), "/health");

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("database").asText()).isEqualTo("up");
            assertThat(body.get("accounts")).isEmpty();
        }
    }

    @Test
    void metricsArePrometheusTextWithJvmProcessAndOwnMeters() throws Exception {
        try (WebServer server = serve(db.database())) {
            HttpResponse<String> response = TestHttp.get(server.port(), "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body())
                    .contains("jvm_memory_used_bytes{")
                    .contains("jvm_gc_")
                    .contains("jvm_threads_live_threads ")
                    .contains("jvm_classes_loaded_classes ")
                    .contains("system_cpu_count ")
                    .contains("process_uptime_seconds ")
                    .contains("process_files_open_files ")
                    .contains("marketolog_build_info{version=\"" + VERSION + "\"} 1");
        }
    }

    @Test
    void stoppedServerRefusesConnections() throws Exception {
        WebServer server = serve(db.database());
        int port = server.port();
        server.close();

        assertThatThrownBy(() -> TestHttp.get(port, "/health"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aTakenPortIsReportedWithTheAddress() {
        try (WebServer first = serve(db.database())) {
            HealthHandler health = new HealthHandler(VERSION, NOW, STARTED, () -> "up", new CaffeineCache(), ACCOUNTS);
            assertThatThrownBy(
                            () -> WebServer.start("127.0.0.1", first.port(), health, new MetricsHandler(metrics.registry())))
                    .isInstanceOf(WebServerException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port())
                    .hasMessageContaining("HTTP_PORT")
                    .hasMessageContaining("port " + first.port() + " is already in use");
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesIsReportedAsSuchNotAsATakenPort() {
        // TEST-NET-1 (RFC 5737): never assigned to a machine
        HealthHandler health = new HealthHandler(VERSION, NOW, STARTED, () -> "up", new CaffeineCache(), ACCOUNTS);
        assertThatThrownBy(() -> WebServer.start("192.0.2.1", 8000, health, new MetricsHandler(metrics.registry())))
                .isInstanceOf(WebServerException.class)
                .hasMessageContaining("192.0.2.1 is not an address of this machine")
                .hasMessageNotContaining("already in use");
    }

    @Test
    void otherMethodsOnHealthAndMetricsAreNotAllowed() {
        try (WebServer server = serve(db.database())) {
            for (String path : List.of("/health", "/metrics")) {
                for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                    assertThat(TestHttp.send(server.port(), method, path).statusCode()).as(method + " " + path).isEqualTo(405);
                }
            }
        }
    }

    @Test
    void healthShowsEachAccountsFailures() throws Exception {
        try (WebServer server = serve(db.database())) {
            JsonNode accounts = json.readTree(TestHttp.get(server.port(), "/health").body()).get("accounts");

            assertThat(accounts.get(0).get("failures").asLong()).isEqualTo(2);
            assertThat(accounts.get(1).get("failures").asLong()).isZero();
        }
    }

    @Test
    void healthReportsADatabaseThatRefusesWritesAsUnavailable() throws Exception {
        HealthHandler health = new HealthHandler(VERSION, NOW, STARTED, () -> "read-only", new CaffeineCache(), ACCOUNTS);
        try (WebServer server = WebServer.start("127.0.0.1", 0, health, new MetricsHandler(metrics.registry()))) {
            HttpResponse<String> response = TestHttp.get(server.port(), "/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json.readTree(response.body()).get("database").asText()).isEqualTo("read-only");
        }
    }

    /** The JUnit timeout is a sanity bound: without the bound on each read, /health waits as long as they hang. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void healthAnswersWithTheLastKnownStateWhileTheAccountsAndTheCacheHang() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AccountStatusSource hanging = () -> {
            awaitUninterruptibly(never);
            return List.of();
        };
        Cache hangingCache = new Cache() {
            @Override
            public Optional<String> get(String key) {
                return Optional.empty();
            }

            @Override
            public void put(String key, String value, java.time.Duration ttl) {}

            @Override
            public String state() {
                awaitUninterruptibly(never);
                return "up";
            }
        };
        HealthHandler health = new HealthHandler(VERSION, NOW, STARTED, () -> "up", hangingCache, hanging);
        try (WebServer server = WebServer.start("127.0.0.1", 0, health, new MetricsHandler(metrics.registry()))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = TestHttp.get(server.port(), "/health");

                assertThat(response.statusCode()).isEqualTo(503);
                JsonNode body = json.readTree(response.body());
                assertThat(body.get("cache").asText()).isEqualTo("unknown");
                assertThat(body.get("accounts")).isEmpty();
            }
        } finally {
            never.countDown();
        }
    }

    @Test
    void healthSaysStartingUntilServeHandsItTheReport() throws Exception {
        HealthEndpoint endpoint = new HealthEndpoint(VERSION);
        try (WebServer server = WebServer.start("127.0.0.1", 0, endpoint, new MetricsHandler(metrics.registry()))) {
            HttpResponse<String> starting = TestHttp.get(server.port(), "/health");
            endpoint.serve(new HealthHandler(VERSION, NOW, STARTED, () -> "up", new CaffeineCache(), ACCOUNTS));
            HttpResponse<String> started = TestHttp.get(server.port(), "/health");

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(json.readTree(starting.body()).get("status").asText()).isEqualTo("starting");
            assertThat(started.statusCode()).isEqualTo(200);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // a hung part does not care
            }
        }
    }
}
