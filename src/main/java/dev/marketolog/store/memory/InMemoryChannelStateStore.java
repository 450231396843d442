package dev.marketolog.store.memory;

import dev.marketolog.engine.ChannelState;
import dev.marketolog.engine.ChannelStateStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Ban lists and slow-mode holds in memory. */
public final class InMemoryChannelStateStore implements ChannelStateStore {

    private final Map<String, Map<Long, ChannelState>> states = new HashMap<>();

    @Override
    public synchronized Map<Long, ChannelState> load(String account) {
        return Map.copyOf(states.getOrDefault(account, Map.of()));
    }

    @Override
    public synchronized void ban(String account, long channelId, String reason, Instant at) {
        update(account, channelId, s -> new ChannelState(Optional.of(reason), s.holdUntil()));
    }

    @Override
    public synchronized void clearBan(String account, long channelId) {
        update(account, channelId, s -> new ChannelState(Optional.empty(), s.holdUntil()));
    }

    @Override
    public synchronized void hold(String account, long channelId, Instant until) {
        update(account, channelId, s -> new ChannelState(s.bannedReason(), Optional.of(until)));
    }

    private void update(String account, long channelId, UnaryOperator<ChannelState> change) {
        states.computeIfAbsent(account, a -> new HashMap<>()).merge(channelId, change.apply(ChannelState.OPEN), (old, fresh) -> change.apply(old));
    }
}
