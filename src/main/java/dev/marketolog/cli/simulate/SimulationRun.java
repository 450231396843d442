package dev.marketolog.cli.simulate;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.engine.EngineEvent;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.sim.GateViolations;
import dev.marketolog.telegram.sim.SimOptions;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one simulation produced.
 *
 * @param options the simulated world's options (seed, start, length, failure rates)
 * @param accounts the accounts, in the order of their env files
 * @param channels the simulated channels: the union of the allowlists
 * @param posts every post the channels published, the ones before the start that were still fresh included, in time order
 * @param events every event the engine reported, in time order
 * @param violations the sends the simulated Telegram saw that the gate should have stopped
 * @param llmCalls the LLM calls the writers made, when the LLM wrote
 */
public record SimulationRun(
        SimOptions options,
        List<AccountSettings> accounts,
        List<Long> channels,
        List<Post> posts,
        List<EngineEvent> events,
        GateViolations violations,
        OptionalLong llmCalls) {

    public SimulationRun {
        accounts = List.copyOf(accounts);
        channels = List.copyOf(channels);
        posts = List.copyOf(posts);
        events = List.copyOf(events);
    }

    public Instant end() {
        return options.start().plus(options.length());
    }

    /** The comments the engine sent (or, with DRY_RUN, would have sent), in time order. */
    public List<EngineEvent.CommentSent> comments() {
        return events.stream()
                .filter(EngineEvent.CommentSent.class::isInstance)
                .map(EngineEvent.CommentSent.class::cast)
                .toList();
    }
}
