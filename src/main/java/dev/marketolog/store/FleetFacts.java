package dev.marketolog.store;

import dev.marketolog.telegram.PostKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The fleet facts every account of this process asks before it tries a post, kept a few seconds for all of them: per
 * channel its newest live row and the newest one of another account (so "the others' last comment" is known for any
 * asking account from one read), per post the accounts with a live row under it. A thousand accounts that see the same
 * new post then cost the database one read per channel and post instead of one each.
 *
 * <p>The stores of this process tell it every write that can change a live row's existence or time
 * ({@link #changed(long)}), so an account never decides on a fact older than this process's own last write. A read that
 * began before such a write is not kept: each channel remembers the generation of its last change, and an answer is
 * stored only when no change came after its read began. Changes it is not told of (writes by other processes on the
 * same database, a local commit whose answer was lost, the retention deleting year-old rows) are seen when the entry
 * expires, at most {@link #TTL} later; that is safe because {@link JdbcJournal#reserve} reads these facts again,
 * uncached, under the channel's lock, and refuses what a stale answer let through (a stale answer the other way only
 * holds an account back for those seconds).
 *
 * <p>Thread-safe; the reads run outside its lock (accounts that miss the same channel at the same moment each read it).
 * Expired entries are swept every {@link #SWEEP_EVERY} stores, so it
 * holds about what was read in the last few seconds.
 */
final class FleetFacts {

    /** How long a fact read from the database serves every account of the process. */
    static final Duration TTL = Duration.ofSeconds(5);

    private static final int SWEEP_EVERY = 1024;

    /**
     * A channel's newest live row ({@code account} at {@code at}) and, when there is one, the newest live row of any
     * other account.
     */
    record Newest(String account, Instant at, Optional<Instant> runnerUp) {

        /** The last live row of an account other than {@code asking}, if any. */
        Optional<Instant> byOthersThan(String asking) {
            return account.equals(asking) ? runnerUp : Optional.of(at);
        }
    }

    private record Entry<T>(T value, long expiresAt) {}

    /** What is kept of one channel: the generation of its last change, its newest rows, the accounts under its posts. */
    private static final class Channel {
        long changedAt;
        Entry<Optional<Newest>> newest;
        final Map<Long, Entry<Set<String>>> posts = new HashMap<>();

        Channel(long changedAt) {
            this.changedAt = changedAt;
        }
    }

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<Long, Channel> channels = new HashMap<>();
    /** Counts every change; a read remembers its value when it starts. */
    private long generation;
    /** The generation when channels were last forgotten: a forgotten channel may have changed up to then. */
    private long forgottenAt;
    private int storesSinceSweep;

    FleetFacts() {
        this(TTL, System::nanoTime);
    }

    FleetFacts(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The others' last live row in each of {@code channelIds}, as {@link dev.marketolog.engine.Journal#lastByOthersInChannels};
     * {@code read} is asked, in one call, only for the channels not known or expired, and answers their newest rows
     * (a channel with no live row absent).
     */
    Map<Long, Instant> lastByOthers(String account, Collection<Long> channelIds, Function<Set<Long>, Map<Long, Newest>> read) {
        Map<Long, Optional<Newest>> known = new HashMap<>();
        long started;
        long readAt;
        synchronized (this) {
            readAt = nanoTime.getAsLong();
            started = generation;
            for (long channelId : channelIds) {
                Channel channel = channels.get(channelId);
                if (channel != null && fresh(channel.newest, readAt)) {
                    known.put(channelId, channel.newest.value());
                }
            }
        }
        Set<Long> missing = new HashSet<>(channelIds);
        missing.removeAll(known.keySet());
        if (!missing.isEmpty()) {
            Map<Long, Newest> answered = read.apply(missing);
            synchronized (this) {
                for (long channelId : missing) {
                    Optional<Newest> newest = Optional.ofNullable(answered.get(channelId));
                    known.put(channelId, newest);
                    Channel channel = unchangedSince(channelId, started);
                    if (channel != null) {
                        channel.newest = new Entry<>(newest, readAt + ttlNanos);
                        stored();
                    }
                }
            }
        }
        Map<Long, Instant> last = new HashMap<>();
        known.forEach((channelId, newest) -> newest.flatMap(n -> n.byOthersThan(account)).ifPresent(at -> last.put(channelId, at)));
        return Map.copyOf(last);
    }

    /**
     * How many accounts other than {@code account} hold a live row under {@code post}; {@code read} answers all the
     * accounts that do, when the post is not known or expired.
     */
    int otherAccountsUnder(String account, PostKey post, Function<PostKey, ? extends Collection<String>> read) {
        long started;
        long readAt;
        Set<String> under = null;
        synchronized (this) {
            readAt = nanoTime.getAsLong();
            started = generation;
            Channel channel = channels.get(post.channelId());
            if (channel != null) {
                Entry<Set<String>> entry = channel.posts.get(post.messageId());
                if (fresh(entry, readAt)) {
                    under = entry.value();
                }
            }
        }
        if (under == null) {
            under = Set.copyOf(read.apply(post));
            synchronized (this) {
                Channel channel = unchangedSince(post.channelId(), started);
                if (channel != null) {
                    channel.posts.put(post.messageId(), new Entry<>(under, readAt + ttlNanos));
                    stored();
                }
            }
        }
        return under.size() - (under.contains(account) ? 1 : 0);
    }

    /** A write of this process may have changed the live rows of the channel: what is known of it is read again. */
    synchronized void changed(long channelId) {
        generation++;
        Channel channel = channels.computeIfAbsent(channelId, c -> new Channel(generation));
        channel.changedAt = generation;
        channel.newest = null;
        channel.posts.clear();
    }

    /** A write of this process may have changed any channel (an account recovered): everything is read again. */
    synchronized void changedAll() {
        generation++;
        channels.clear();
        forgottenAt = generation;
    }

    private static boolean fresh(Entry<?> entry, long now) {
        return entry != null && now - entry.expiresAt() < 0;
    }

    /** The channel's record to store a read into, or null when the channel changed after the read began. */
    private Channel unchangedSince(long channelId, long started) {
        Channel channel = channels.get(channelId);
        long changedAt = channel == null ? forgottenAt : channel.changedAt;
        if (changedAt > started) {
            return null;
        }
        return channel != null ? channel : channels.computeIfAbsent(channelId, c -> new Channel(forgottenAt));
    }

    private void stored() {
        if (++storesSinceSweep < SWEEP_EVERY) {
            return;
        }
        storesSinceSweep = 0;
        long now = nanoTime.getAsLong();
        for (Channel channel : channels.values()) {
            if (!fresh(channel.newest, now)) {
                channel.newest = null;
            }
            channel.posts.values().removeIf(entry -> !fresh(entry, now));
        }
        // a dropped channel's generation goes with it: a read that began before now may not store into it
        if (channels.values().removeIf(channel -> channel.newest == null && channel.posts.isEmpty())) {
            forgottenAt = generation;
        }
    }
}
