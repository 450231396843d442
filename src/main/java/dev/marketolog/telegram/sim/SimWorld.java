package dev.marketolog.telegram.sim;

import dev.marketolog.config.AccountSettings;
import dev.marketolog.engine.EngineClock;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated Telegram shared by many accounts, deterministic from {@link SimOptions#seed()}: channels with discussion
 * groups, posts published on the {@link EngineClock} at their times, and scripted failures. Each account gets its own
 * {@link Telegram} view from {@link #telegramFor}; the world records every accepted comment and counts the sends the
 * engine's gate should have stopped. Thread-safe: every view works under the world's lock.
 */
public final class SimWorld {

    private static final long FIRST_DISCUSSION_ID = -1_009_000_000_000L;
    private static final int MIN_FIRST_MESSAGE_ID = 100;
    private static final int MAX_FIRST_MESSAGE_ID = 5000;

    private final SimOptions options;
    private final EngineClock clock;
    private final Map<Long, SimChannel> channels;
    private final List<SimPost> upcoming;
    private final List<Post> published = new ArrayList<>();
    private final List<SimulatedTelegram> accounts = new ArrayList<>();
    private final List<SentComment> sent = new ArrayList<>();
    private final Set<AccountPost> commented = new HashSet<>();
    private int nextUpcoming;
    private int outsideAllowlist;
    private int secondComments;
    private int duringFloodWait;
    private int toClosedChannel;

    private SimWorld(SimOptions options, EngineClock clock, Map<Long, SimChannel> channels, List<SimPost> upcoming) {
        this.options = options;
        this.clock = clock;
        this.channels = channels;
        this.upcoming = upcoming;
    }

    /**
     * Builds the world for these channels (the union of the accounts' allowlists), publishes the posts before
     * {@code options.start()} at once and schedules the others on {@code clock}.
     */
    public static SimWorld create(SimOptions options, Collection<Long> channelIds, EngineClock clock) {
        Map<Long, SimChannel> channels = new LinkedHashMap<>();
        List<SimPost> script = new ArrayList<>();
        long discussionId = FIRST_DISCUSSION_ID;
        for (long channelId : new LinkedHashSet<>(channelIds)) {
            while (channelIds.contains(discussionId)) {
                discussionId--;
            }
            var random = Seeds.stream(options.seed(), "channel " + channelId);
            long firstMessageId = random.nextLong(MIN_FIRST_MESSAGE_ID, MAX_FIRST_MESSAGE_ID);
            List<SimPost> posts = PostScript.write(options, channelId, firstMessageId, random);
            long nextMessageId = posts.isEmpty() ? firstMessageId : posts.getLast().nextMessageId();
            channels.put(channelId, new SimChannel(channelId, SimTexts.title(channels.size()), discussionId--,
                    options.forbiddenChannels().contains(channelId),
                    options.slowModeChannels().getOrDefault(channelId, Duration.ZERO), nextMessageId));
            script.addAll(posts);
        }
        // Stable sort: posts of one second keep the channels' order, so publication order follows from the seed alone.
        script.sort(Comparator.comparing(SimPost::at));
        SimWorld world = new SimWorld(options, clock, channels, script);
        world.publishHistory();
        world.scheduleNext();
        return world;
    }

    /** The view of the world for one account: its allowlist decides which sends count as gate violations. */
    public Telegram telegramFor(AccountSettings account) {
        synchronized (this) {
            SimulatedTelegram telegram = new SimulatedTelegram(this, account.name(), Set.copyOf(account.allowlist()),
                    Seeds.stream(options.seed(), "account " + account.name()));
            accounts.add(telegram);
            return telegram;
        }
    }

    /** Publishes a post in {@code channelId} now, outside the script: for tests that need one exact post. */
    public Post publish(long channelId, String text, int albumMessages) {
        SimPost post;
        List<TelegramListener> listeners;
        synchronized (this) {
            SimChannel channel = channel(channelId).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
            post = PostScript.post(channelId, channel.nextMessageId(), clock.instant(), text, albumMessages);
            listeners = publishAndListeners(post);
        }
        listeners.forEach(listener -> listener.newPost(post.post()));
        return post.post();
    }

    /** Every post published so far, the ones that existed before the start included, in time order. */
    public synchronized List<Post> posts() {
        return List.copyOf(published);
    }

    /** Every comment the world accepted, in time order. */
    public synchronized List<SentComment> sent() {
        return List.copyOf(sent);
    }

    /** The sends so far that the engine's gate should have stopped. */
    public synchronized GateViolations violations() {
        return new GateViolations(outsideAllowlist, secondComments, duringFloodWait, toClosedChannel);
    }

    SimOptions options() {
        return options;
    }

    EngineClock clock() {
        return clock;
    }

    Optional<SimChannel> channel(long channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /** Records an accepted comment, counting a second one from the same account under the same post. */
    void recordSent(SentComment comment, SimPost post) {
        if (!commented.add(new AccountPost(comment.account(), comment.post()))) {
            secondComments++;
        }
        sent.add(comment);
        post.addComment(new SimPost.Comment(comment.at(), comment.text()));
    }

    void countOutsideAllowlist() {
        outsideAllowlist++;
    }

    void countDuringFloodWait() {
        duringFloodWait++;
    }

    void countToClosedChannel() {
        toClosedChannel++;
    }

    private void publishHistory() {
        while (nextUpcoming < upcoming.size() && upcoming.get(nextUpcoming).at().isBefore(options.start())) {
            publishOnly(upcoming.get(nextUpcoming++));
        }
    }

    private void scheduleNext() {
        if (nextUpcoming < upcoming.size()) {
            SimPost next = upcoming.get(nextUpcoming++);
            clock.schedule(next.at(), () -> {
                announce(next);
                scheduleNext();
            });
        }
    }

    private void announce(SimPost post) {
        List<TelegramListener> listeners;
        synchronized (this) {
            listeners = publishAndListeners(post);
        }
        // Outside the lock: a listener may call back into its Telegram view from another thread.
        listeners.forEach(listener -> listener.newPost(post.post()));
    }

    /** Publishes {@code post} and returns the listeners of the accounts that prepared its channel. */
    private List<TelegramListener> publishAndListeners(SimPost post) {
        publishOnly(post);
        List<TelegramListener> listeners = new ArrayList<>();
        for (SimulatedTelegram account : accounts) {
            account.listenerFor(post.post().channelId()).ifPresent(listeners::add);
        }
        return listeners;
    }

    private void publishOnly(SimPost post) {
        channels.get(post.post().channelId()).publish(post);
        published.add(post.post());
    }

    private record AccountPost(String account, PostKey post) {}
}
