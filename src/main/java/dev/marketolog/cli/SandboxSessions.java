package dev.marketolog.cli;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.sandbox.SandboxLink;
import dev.marketolog.telegram.sandbox.SandboxTelegram;
import dev.marketolog.web.TelegramSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every account connected to the sandbox world at TELEGRAM_SANDBOX_URL instead of Telegram: no session, no login. */
final class SandboxSessions implements TelegramSessions {

    private static final Logger log = LoggerFactory.getLogger(SandboxSessions.class);
    private static final TelegramSession SANDBOX = new TelegramSession("sandbox", "sandbox");

    /**
     * One client and one long poll for updates for every account. The client's work between reads runs on virtual
     * threads: its default executor is a cached pool of platform threads, which grew to 51 of them under the long polls
     * of 1,000 accounts.
     */
    private final SandboxLink link;
    private final Map<String, SandboxTelegram> open = new ConcurrentHashMap<>();

    /** @param instance names this process in the sandbox's record of who sent what */
    SandboxSessions(URI sandbox, String instance) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.link = SandboxLink.open(http, sandbox, instance);
        log.info("Telegram is the sandbox world at {} (TELEGRAM_SANDBOX_URL): nothing reaches the real Telegram", sandbox);
    }

    @Override
    public Optional<Telegram> open(AccountSettings account) {
        SandboxTelegram telegram = SandboxTelegram.connect(link, account.name(), account.allowlist());
        open.put(account.name(), telegram);
        return Optional.of(telegram);
    }

    @Override
    public Optional<TelegramSession> session(String account) {
        return open.containsKey(account) ? Optional.of(SANDBOX) : Optional.empty();
    }

    @Override
    public void close() {
        open.values().forEach(SandboxTelegram::close);
        open.clear();
        link.close();
    }
}
