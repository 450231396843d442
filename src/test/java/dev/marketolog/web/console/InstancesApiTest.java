package dev.marketolog.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marketolog.engine.Instance;
import dev.marketolog.store.AccountRepository;
import dev.marketolog.store.JdbcInstanceRegistry;
import dev.marketolog.store.JdbcStores;
import dev.marketolog.store.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/instances} over real HTTP on real PostgreSQL. */
class InstancesApiTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T08:00:00Z");

    private final TestDatabase db = TestDatabase.create();
    private final ObjectMapper json = new ObjectMapper();
    private final ConsoleFixture console = new ConsoleFixture(db.dataSource(), InstantSource.system(),
            Map.of("ACCOUNT_NAME", "anna", "ALLOWLIST_CHAT_IDS", "-1001000000001"), List::of);

    @AfterEach
    void close() {
        console.close();
        db.close();
    }

    @Test
    void withoutTheTokenIts401() {
        assertThat(console.anonymous().get("/api/v1/instances").statusCode()).isEqualTo(401);
    }

    @Test
    void listsTheInstancesWithTheAccountsEachRunsAndThoseWaiting() throws Exception {
        new AccountRepository(db.dataSource(), InstantSource.system()).upsert("boris"); // configured in another instance's files
        JdbcInstanceRegistry registry = new JdbcInstanceRegistry(db.dataSource());
        registry.join(new Instance(ConsoleFixture.SELF, "host-a", 8000, STARTED), Set.of("anna", "boris"));
        JdbcStores.create(db.dataSource()).leases().take("anna", ConsoleFixture.SELF, Duration.ofMinutes(5));

        HttpResponse<String> response = console.http().get("/api/v1/instances");
        JsonNode body = json.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("live_within_seconds").asLong()).isEqualTo(15);
        JsonNode instance = body.get("instances").get(0);
        assertThat(instance.get("id").asText()).isEqualTo(ConsoleFixture.SELF);
        assertThat(instance.get("host").asText()).isEqualTo("host-a");
        assertThat(instance.get("http_port").asInt()).isEqualTo(8000);
        assertThat(instance.get("self").asBoolean()).isTrue();
        assertThat(instance.get("live").asBoolean()).isTrue();
        assertThat(instance.get("heard_seconds_ago").asLong()).isBetween(0L, 15L);
        assertThat(instance.get("runnable").asInt()).isEqualTo(2);
        assertThat(instance.get("running_count").asInt()).isEqualTo(1);
        assertThat(instance.get("running")).extracting(JsonNode::asText).containsExactly("anna");
        assertThat(body.get("waiting")).extracting(JsonNode::asText).containsExactly("boris");
    }
}
