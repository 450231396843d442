package dev.marketolog.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ConfigException;
import dev.marketolog.config.Purpose;
import dev.marketolog.config.ReviewSettings;
import dev.marketolog.config.SettingsLoader;
import dev.marketolog.engine.AccountPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnginePolicyTest {

    private static final String API_HASH = "0123456789abcdef0123456789abcdef";
    private static final String OPENAI_KEY = "sk-very-secret-key";

    @TempDir
    Path dir;

    @Test
    void theEngineGetsEveryRuleOfTheAccountAndNoSecret() throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve(".env.bot7"), String.join("\n",
                "TELEGRAM_API_ID=12345",
                "TELEGRAM_API_HASH=" + API_HASH,
                "OPENAI_API_KEY=" + OPENAI_KEY,
                "BOT_ENABLED=false",
                "DRY_RUN=true",
                "ALLOWLIST_CHAT_IDS=[-1001, -1002]",
                "SKIP_KEYWORDS=casino,18+",
                "SELF_DELETED_LIMIT=5",
                "MESSAGES_PER_DAY=12",
                "SPAMBLOCK_ERROR_THRESHOLD=4",
                "REVIEW_MODE=true",
                ""));
        AccountSettings account = SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).accounts().getFirst();

        AccountPolicy policy = EnginePolicy.of(account);

        assertThat(policy).isEqualTo(new AccountPolicy("bot7", false, true, List.of(-1001L, -1002L), List.of("casino", "18+"),
                account.limits(), account.spamGuard(), 5, new ReviewSettings(true, Duration.ofMinutes(120))));
        assertThat(policy.limits().messagesPerDay()).isEqualTo(12);
        assertThat(policy.spamGuard().errorThreshold()).isEqualTo(4);
        assertThat(policy.toString()).doesNotContain(API_HASH, OPENAI_KEY);
        assertThat(AccountPolicy.class.getRecordComponents()).extracting(c -> c.getType().getSimpleName())
                .doesNotContain("Secret", "LlmSettings", "ProxySettings");
    }

    @Test
    void theFleetRulesComeFromTheProcessSettings() throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve(".env"), "FLEET_MAX_ACCOUNTS_PER_POST=2\nFLEET_MIN_GAP_SECONDS=120\n");

        var rules = EnginePolicy.fleetRules(SettingsLoader.load(List.of(file), Map.of(), Purpose.TOOL).process());

        assertThat(rules.maxAccountsPerPost()).isEqualTo(2);
        assertThat(rules.minGap()).isEqualTo(Duration.ofSeconds(120));
    }
}
