package dev.marketolog.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.config.ProcessSettings;
import dev.marketolog.config.Settings;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.sim.GateViolations;
import dev.marketolog.telegram.sim.SimOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the world throws at it, the engine keeps the gate as the simulated Telegram and the run's report see it. */
class SimulationProperties {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<Long> CHANNELS = List.of(-1001L, -1002L, -1003L, -1004L, -1005L, -1006L);

    @Property(tries = 15)
    void theEngineKeepsTheGateInAnySimulatedWorld(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 20) int postsPerDay,
            @ForAll @DoubleRange(min = 0, max = 0.3) double peerFloodRate,
            @ForAll @DoubleRange(min = 0, max = 0.3) double floodWaitRate,
            @ForAll @Size(min = 1, max = 4) List<@Size(min = 1, max = 6) Set<@IntRange(min = 0, max = 5) Integer>> allowlists) {
        List<AccountSettings> accounts = new ArrayList<>();
        for (int i = 0; i < allowlists.size(); i++) {
            accounts.add(AccountSettings.defaults("bot" + i, allowlists.get(i).stream().sorted().map(CHANNELS::get).toList()));
        }
        SimOptions options = SimOptions.builder(seed, START, Duration.ofDays(2)).postsPerDay(postsPerDay)
                .peerFloodRate(peerFloodRate).floodWaitRate(floodWaitRate).forbidden(CHANNELS.getLast()).build();

        SimulationRun run = Simulation.run(new Settings(ProcessSettings.defaults(), accounts, List.of()), options,
                account -> new PlaceholderWriter(), false);

        assertThat(run.violations()).isEqualTo(GateViolations.NONE);
        Map<PostKey, Instant> published = run.posts().stream().collect(Collectors.toMap(Post::key, Post::publishedAt));
        Map<String, AccountSettings> byName = accounts.stream().collect(Collectors.toMap(AccountSettings::name, Function.identity()));
        Set<String> commented = new HashSet<>();
        for (EngineEvent.CommentSent comment : run.comments()) {
            AccountSettings account = byName.get(comment.account());
            assertThat(comment.post().channelId()).isIn(account.allowlist()).isNotEqualTo(CHANNELS.getLast());
            assertThat(published.get(comment.post())).isNotNull().isBeforeOrEqualTo(comment.at());
            assertThat(commented.add(comment.account() + comment.post())).isTrue();
            assertThat(account.limits().activeWindows().containsHour(comment.at().atZone(account.limits().timezone()).getHour())).isTrue();
        }
        for (AccountTally tally : AccountTally.all(run)) {
            assertThat(tally.busiestRollingHour()).isLessThanOrEqualTo(tally.limits().messagesPerHour());
            assertThat(tally.perDay().values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(tally.limits().messagesPerDay()));
        }
    }
}
