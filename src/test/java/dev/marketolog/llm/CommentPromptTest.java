package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marketolog.config.LlmSettings;
import dev.marketolog.engine.CommentRequest;
import dev.marketolog.telegram.Post;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommentPromptTest {
    private static final LlmSettings SETTINGS = TestLlmSettings.at(URI.create("http://127.0.0.1:1/v1"));

    @TempDir
    Path dir;

    private static CommentRequest request(String postText, List<String> under, List<String> own) {
        return new CommentRequest("bot1", "Технологии без шума", new Post(-100500, 77, Instant.parse("2026-11-25T10:00:00Z"), postText), under, own);
    }

    @Test
    void systemPromptCarriesTheLimitsThePersonaAndPermissionToSkip() {
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.builtIn(), SETTINGS, Optional.of("инженер-электронщик из Казани"));

        assertThat(prompt.system()).contains("Ты — инженер-электронщик из Казани.", "от 30 до 220 символов", "эмодзи не больше 1", "ровно SKIP")
                .doesNotContain("{{");
    }

    @Test
    void withoutPersonaTheSystemPromptSpeaksAsAnOrdinaryReader() {
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.builtIn(), SETTINGS, Optional.of("  "));

        assertThat(prompt.system()).startsWith("Ты — обычный читатель канала");
    }

    @Test
    void userMessageHasTheChannelThePostTheCommentsUnderItAndOwnRecentOnes() {
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.builtIn(), SETTINGS, Optional.empty());

        List<ChatMessage> messages = prompt.messages(request("Вышел новый смартфон.", List.of("Дорого.", "Жду обзоров\nс тестами"), List.of("Интересно, как с батареей.")));

        assertThat(messages).extracting(ChatMessage::role).containsExactly("system", "user");
        assertThat(messages.get(1).content()).contains("Канал: Технологии без шума", "Вышел новый смартфон.", "- Дорого.\n- Жду обзоров с тестами",
                "- Интересно, как с батареей.");
    }

    @Test
    void longPostIsTrimmedAndOnlyTheLatestCommentsAreShown() {
        String longPost = "Очень длинное предложение о новой технологии. ".repeat(100);
        List<String> many = IntStream.rangeClosed(1, 15).mapToObj(i -> "комментарий номер " + i).toList();
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.builtIn(), SETTINGS, Optional.empty());

        String user = prompt.messages(request(longPost, many, List.of())).get(1).content();

        assertThat(user).contains("комментарий номер 15", "комментарий номер 6").doesNotContain("комментарий номер 5\n").contains("(нет)");
        String post = user.substring(user.indexOf("Пост:\n") + 6, user.indexOf("\n\nПоследние"));
        assertThat(post.codePointCount(0, post.length())).isLessThanOrEqualTo(CommentPrompt.POST_MAX_LEN);
    }

    @Test
    void placeholdersInsideThePostStayAsTheyAre() {
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.builtIn(), SETTINGS, Optional.empty());

        assertThat(prompt.messages(request("Шаблон {{own_recent}} в посте", List.of(), List.of())).get(1).content()).contains("Шаблон {{own_recent}} в посте");
    }

    @Test
    void templatesFromFilesReplaceTheBuiltInOnes() throws Exception {
        Path system = Files.writeString(dir.resolve("system.txt"), "Пиши как {{persona}}, до {{ max_len }} знаков.");
        Path user = Files.writeString(dir.resolve("user.txt"), "{{channel_title}}: {{post_text}}");
        LlmSettings withFiles = withPromptFiles(Optional.of(system), Optional.of(user));

        CommentPrompt prompt = new CommentPrompt(PromptTemplates.load(withFiles), withFiles, Optional.of("пенсионер"));

        List<ChatMessage> messages = prompt.messages(request("Пост.", List.of(), List.of()));
        assertThat(messages.get(0).content()).isEqualTo("Пиши как пенсионер, до 220 знаков.");
        assertThat(messages.get(1).content()).isEqualTo("Технологии без шума: Пост.");
    }

    @Test
    void unknownPlaceholderInAFileIsAnErrorNamingTheFileAndThePlaceholder() throws Exception {
        Path user = Files.writeString(dir.resolve("user.txt"), "Пост: {{post}}");

        assertThatThrownBy(() -> PromptTemplates.load(withPromptFiles(Optional.empty(), Optional.of(user))))
                .isInstanceOf(PromptTemplateException.class)
                .hasMessageContaining("PROMPT_USER_FILE " + user)
                .hasMessageContaining("unknown placeholder {{post}}")
                .hasMessageContaining("post_text");
    }

    @Test
    void missingTemplateFileIsAnErrorNamingTheKeyAndTheFile() {
        Path missing = dir.resolve("nope.txt");

        assertThatThrownBy(() -> PromptTemplates.load(withPromptFiles(Optional.of(missing), Optional.empty())))
                .isInstanceOf(PromptTemplateException.class)
                .hasMessageContaining("PROMPT_SYSTEM_FILE " + missing)
                .hasMessageContaining("cannot read");
    }

    @Test
    void feedbackNamesEveryDistinctProblemOnce() {
        CommentPrompt prompt = new CommentPrompt(PromptTemplates.builtIn(), SETTINGS, Optional.empty());

        String feedback = prompt.feedback(List.of(PolishCode.TOO_SHORT, PolishCode.LINK, PolishCode.HASHTAG));

        assertThat(feedback).isEqualTo("Предыдущий вариант не подошёл. Он слишком короткий: нужно не меньше 30 символов. "
                + "Без ссылок, упоминаний и хэштегов. Напиши новый комментарий.");
    }

    private static LlmSettings withPromptFiles(Optional<Path> system, Optional<Path> user) {
        LlmSettings s = SETTINGS;
        return new LlmSettings(s.baseUrl(), s.apiKey(), s.model(), s.temperature(), s.topP(), s.frequencyPenalty(), s.presencePenalty(),
                s.minLen(), s.maxLen(), s.maxEmojis(), s.strictValidate(), s.timeout(), s.maxRetries(), s.maxAttempts(), system, user);
    }
}
