package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.LlmSettings;
import dev.marketolog.engine.CommentRequest;
import dev.marketolog.engine.WriteResult;
import dev.marketolog.llm.OpenAiTestServer.Reply;
import dev.marketolog.store.CaffeineCache;
import dev.marketolog.telegram.Post;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmCommentWriterTest {
    private static final Post POST = new Post(-1001234567890L, 4242, Instant.parse("2026-11-25T09:00:00Z"),
            "Центробанк снова повысил ключевую ставку до 21%. Аналитики ждут, что ипотека подорожает уже в декабре.");
    private static final String GOOD = "Ипотеку и так почти никто не тянет, а теперь и подавно, рынок жилья встанет.";

    private final OpenAiTestServer server = OpenAiTestServer.start();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LlmMetrics metrics = new LlmMetrics(registry);
    private final LlmSettings settings = TestLlmSettings.at(server.baseUrl());
    private final LlmClient client = new LlmClient(HttpClient.newHttpClient(), 2,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), new SplittableRandom(1)),
            new RecordingSleeper(), InstantSource.system(), metrics);
    private final CaffeineCache cache = new CaffeineCache();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private LlmCommentWriter writer() {
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.builtIn(), settings, Optional.empty());
        return new LlmCommentWriter(settings, prompt, client, cache, Duration.ofMinutes(15), metrics);
    }

    private static CommentRequest request(String account, List<String> commentsUnder) {
        return new CommentRequest(account, "Деньги и экономика", POST, commentsUnder, List.of("Посмотрим, что скажут в банках на этой неделе, пока рано паниковать."));
    }

    @Test
    void acceptedDraftIsWrittenPolished() {
        server.enqueue(Reply.answer("«" + GOOD + "»"));

        assertThat(writer().write(request("bot1", List.of()))).isEqualTo(new WriteResult.Written(GOOD, 1));
    }

    @Test
    void rejectedDraftIsAskedAgainWithTheReasonAdded() {
        server.enqueue(Reply.answer("Как языковая модель, я не могу иметь мнения о ставках."), Reply.answer(GOOD));

        WriteResult result = writer().write(request("bot1", List.of()));

        assertThat(result).isEqualTo(new WriteResult.Written(GOOD, 2));
        String retryMessage = server.requests().get(1).message("user").orElseThrow();
        assertThat(retryMessage).contains("Предыдущий вариант не подошёл", "Не упоминай, что ты ИИ, модель или бот.");
        assertThat(server.requests().getFirst().message("user").orElseThrow()).doesNotContain("Предыдущий вариант");
        assertThat(registry.find("llm.drafts.rejected").tag("reason", "ai_disclaimer").counter().count()).isEqualTo(1);
    }

    @Test
    void draftsRejectedOnEveryAttemptDeclineThePostWithTheLastReasons() {
        server.respondWith(request -> Reply.answer("Ок, норм."));

        WriteResult result = writer().write(request("bot1", List.of()));

        assertThat(result).isEqualTo(new WriteResult.Declined(List.of("too_short"), settings.maxAttempts()));
        assertThat(server.chatRequestCount()).isEqualTo(settings.maxAttempts());
    }

    @Test
    void skipDeclinesAtOnceWithoutAskingAgain() {
        server.respondWith(request -> Reply.answer("SKIP"));

        assertThat(writer().write(request("bot1", List.of()))).isEqualTo(new WriteResult.Declined(List.of("skip"), 1));
        assertThat(server.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void clientFailureMakesTheWriterUnavailable() {
        server.enqueue(Reply.error(401, "invalid api key", "invalid_request_error", "invalid_api_key"));

        WriteResult result = writer().write(request("bot1", List.of()));

        assertThat(result).isEqualTo(new WriteResult.Unavailable("client_error 401: invalid api key (invalid_request_error, invalid_api_key)", 1));
    }

    @Test
    void retriedSendOfTheSamePostReusesTheCachedTextWithoutCallingTheModel() {
        server.enqueue(Reply.answer(GOOD));
        LlmCommentWriter writer = writer();

        writer.write(request("bot1", List.of()));
        WriteResult again = writer.write(request("bot1", List.of("Ставка растёт, а зарплаты нет.")));

        assertThat(again).isEqualTo(new WriteResult.Written(GOOD, 0));
        assertThat(server.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void anotherAccountNeverGetsTheCachedTextOfTheSamePost() {
        String other = "Кто успел взять ипотеку по старой ставке, тот сейчас явно в выигрыше.";
        server.enqueue(Reply.answer(GOOD), Reply.answer(other));
        LlmCommentWriter writer = writer();

        WriteResult first = writer.write(request("bot1", List.of()));
        WriteResult second = writer.write(request("bot2", List.of()));

        assertThat(first).isEqualTo(new WriteResult.Written(GOOD, 1));
        assertThat(second).isEqualTo(new WriteResult.Written(other, 1));
        assertThat(server.chatRequestCount()).isEqualTo(2);
    }

    @Test
    void cachedTextThatNowCopiesACommentUnderThePostIsWrittenAnew() {
        String fresh = "Банки поднимут ставки по вкладам, хоть какая-то польза от этого решения.";
        server.enqueue(Reply.answer(GOOD), Reply.answer(fresh));
        LlmCommentWriter writer = writer();

        writer.write(request("bot1", List.of()));
        WriteResult again = writer.write(request("bot1", List.of(GOOD)));

        assertThat(again).isEqualTo(new WriteResult.Written(fresh, 1));
    }
}
