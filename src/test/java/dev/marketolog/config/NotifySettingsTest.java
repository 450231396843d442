package dev.marketolog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marketolog.config.NotifySettings.WebhookFormat;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {

    private static final String HOOK = "https://hooks.slack.com/services/T000/B000/hookSecret9f3c";
    private static final String TOKEN = "123456789:AAFbotTokenSecret";

    private static NotifySettings read(Map<String, String> env) throws ConfigException {
        return SettingsLoader.load(List.of(), env, Purpose.TOOL).process().notifications();
    }

    private static List<ConfigProblem> problems(Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> read(env)).problems();
    }

    @Test
    void withNothingSetThereIsNoSinkAndTheDefaultsHold() throws Exception {
        NotifySettings n = read(Map.of());

        assertThat(n.webhook()).isEmpty();
        assertThat(n.bot()).isFalse();
        assertThat(n.savedMessages()).isFalse();
        assertThat(n.webhookFormat()).isEqualTo(WebhookFormat.JSON);
        assertThat(n.llmDownAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(n.digestHour()).isEqualTo(9);
    }

    @Test
    void everySinkIsReadAndItsSecretsAreMaskedInTheDescription() throws Exception {
        Map<String, String> env = Map.of("NOTIFY_WEBHOOK_URL", HOOK, "NOTIFY_WEBHOOK_FORMAT", "Discord",
                "NOTIFY_TELEGRAM_BOT_TOKEN", TOKEN, "NOTIFY_TELEGRAM_CHAT_ID", "@marketolog_alerts",
                "NOTIFY_SAVED_MESSAGES", "yes", "NOTIFY_LLM_DOWN_MINUTES", "30", "NOTIFY_DIGEST_HOUR", "21");
        Settings settings = SettingsLoader.load(List.of(), env, Purpose.TOOL);
        NotifySettings n = settings.process().notifications();

        assertThat(n.webhook()).contains(URI.create(HOOK));
        assertThat(n.webhookFormat()).isEqualTo(WebhookFormat.DISCORD);
        assertThat(n.botToken().reveal()).isEqualTo(TOKEN);
        assertThat(n.chatId()).contains("@marketolog_alerts");
        assertThat(n.savedMessages()).isTrue();
        assertThat(n.llmDownAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(n.digestHour()).isEqualTo(21);
        String described = SettingsDescription.describe(settings);
        assertThat(described).contains("NOTIFY_WEBHOOK_URL=****", "NOTIFY_TELEGRAM_BOT_TOKEN=****", "NOTIFY_WEBHOOK_FORMAT=discord")
                .doesNotContain("hookSecret", "AAFbotToken");
        assertThat(settings.toString()).doesNotContain("hookSecret", "AAFbotToken");
    }

    @Test
    void aBotTokenWithoutAChatIdIsAProblemThatDoesNotShowTheToken() {
        assertThat(problems(Map.of("NOTIFY_TELEGRAM_BOT_TOKEN", TOKEN))).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("NOTIFY_TELEGRAM_CHAT_ID");
            assertThat(p.expected()).contains("both, or neither");
        });
        assertThat(problems(Map.of("NOTIFY_TELEGRAM_CHAT_ID", "-100123"))).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("NOTIFY_TELEGRAM_BOT_TOKEN"));
    }

    @Test
    void wrongValuesAreReportedAllAtOnceWithSecretsMasked() {
        List<ConfigProblem> problems = problems(Map.of("NOTIFY_WEBHOOK_URL", "ftp://hooks.example.com/hookSecret9f3c",
                "NOTIFY_WEBHOOK_FORMAT", "teams", "NOTIFY_TELEGRAM_BOT_TOKEN", "token with spaces",
                "NOTIFY_TELEGRAM_CHAT_ID", "alerts", "NOTIFY_LLM_DOWN_MINUTES", "0", "NOTIFY_DIGEST_HOUR", "24"));

        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder("NOTIFY_WEBHOOK_URL",
                "NOTIFY_WEBHOOK_FORMAT", "NOTIFY_TELEGRAM_BOT_TOKEN", "NOTIFY_TELEGRAM_CHAT_ID", "NOTIFY_LLM_DOWN_MINUTES",
                "NOTIFY_DIGEST_HOUR");
        assertThat(problems).allSatisfy(p -> assertThat(p.value()).doesNotContain("hookSecret", "spaces"));
    }
}
