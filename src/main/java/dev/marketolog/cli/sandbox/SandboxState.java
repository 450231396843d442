package dev.marketolog.cli.sandbox;

import dev.marketolog.telegram.sim.WorldSnapshot;
import java.util.List;

/** What {@code --state FILE} holds: the world, and the sandbox's record of what it received and refused. */
public record SandboxState(WorldSnapshot world, List<ReceivedComment> comments, List<Refusal> refusals) {

    public SandboxState {
        comments = List.copyOf(comments);
        refusals = List.copyOf(refusals);
    }
}
