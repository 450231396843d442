package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A simulated Telegram shared by many accounts, deterministic from {@link SimOptions#seed()}: channels with discussion
 * groups, posts published at their times, and scripted failures. The same rules run on a virtual clock in
 * {@code simulate} and on the real clock in the sandbox: the world sees time only through an {@link InstantSource} and a
 * {@link WorldScheduler}. Channels exist from the start or appear when an account that allowlists them connects (or, in the sandbox, allowlists
 * them later: {@link #allowAlso}). Each
 * account gets one {@link Telegram} view from {@link #telegramFor}, kept across reconnects; the world records every
 * accepted comment and counts the sends the engine's gate should have stopped. Thread-safe: every view works under the
 * world's lock.
 */
public final class SimWorld {

    private static final long FIRST_DISCUSSION_ID = -1_009_000_000_000L;
    private static final int MIN_FIRST_MESSAGE_ID = 100;
    private static final int MAX_FIRST_MESSAGE_ID = 5000;
    private static final Comparator<Upcoming> PUBLICATION_ORDER =
            Comparator.comparing((Upcoming u) -> u.post().at()).thenComparingInt(Upcoming::channelOrder);

    private final SimOptions options;
    private final InstantSource clock;
    private final WorldScheduler scheduler;
    private final Map<Long, SimChannel> channels = new LinkedHashMap<>();
    /** Each channel's next scripted post; the head is published next. */
    private final PriorityQueue<Upcoming> upcoming = new PriorityQueue<>(PUBLICATION_ORDER);
    private final List<Post> published = new ArrayList<>();
    private final Map<String, SimulatedTelegram> accounts = new LinkedHashMap<>();
    private final List<SentComment> sent = new ArrayList<>();
    /** The accepted comments by their place in their discussion group, for reading their feedback. */
    private final Map<DiscussionMessage, SentComment> sentByMessage = new HashMap<>();
    private final FeedbackModel feedback;
    private final List<SavedMessage> savedMessages = new ArrayList<>();
    private final Set<AccountPost> commented = new HashSet<>();
    private long nextDiscussionId = FIRST_DISCUSSION_ID;
    /** When the one pending wake-up fires, null when none is pending; a wake-up for another time is stale. */
    private Instant wakeUpAt;
    private int outsideAllowlist;
    private int secondComments;
    private int duringFloodWait;
    private int toClosedChannel;

    private SimWorld(SimOptions options, InstantSource clock, WorldScheduler scheduler) {
        this.options = options;
        this.clock = clock;
        this.scheduler = scheduler;
        this.feedback = new FeedbackModel(options.seed());
    }

    /**
     * Builds the world with these channels, publishes their posts before {@code options.start()} at once and schedules
     * the others on {@code scheduler}.
     */
    public static SimWorld create(SimOptions options, Collection<Long> channelIds, InstantSource clock, WorldScheduler scheduler) {
        SimWorld world = new SimWorld(options, clock, scheduler);
        world.open(channelIds, options.start());
        return world;
    }

    /**
     * The view of the world for one account, the same one each time the account connects: its allowlist decides which
     * sends count as gate violations, and its channels that do not exist yet appear now, with their recent history.
     */
    public Telegram telegramFor(String account, Collection<Long> allowlist) {
        open(allowlist, clock.instant());
        synchronized (this) {
            SimulatedTelegram telegram = accounts.computeIfAbsent(account, name -> newView(name, ""));
            telegram.allow(Set.copyOf(allowlist));
            return telegram;
        }
    }

    /**
     * Widens the allowlist of {@code account}, which has connected, by {@code channelIds} (an operator added them while it
     * runs): those that do not exist yet appear now, with their recent history, as on a connection. Only the sandbox
     * calls this; {@code simulate} knows every allowlist when its accounts connect.
     */
    public void allowAlso(String account, Collection<Long> channelIds) {
        open(channelIds, clock.instant());
        synchronized (this) {
            SimulatedTelegram telegram = accounts.get(account);
            if (telegram == null) {
                throw new IllegalStateException("account '" + account + "' has not connected");
            }
            telegram.allowAlso(Set.copyOf(channelIds));
        }
    }

    /**
     * Builds the world again from {@code snapshot}: its channels post on from now, with fresh draws from the seed and
     * the time of the restore, under {@code options} (which may differ from the ones the snapshot was taken under).
     */
    public static SimWorld restore(SimOptions options, WorldSnapshot snapshot, InstantSource clock, WorldScheduler scheduler) {
        SimWorld world = new SimWorld(options, clock, scheduler);
        world.load(snapshot, clock.instant());
        return world;
    }

    /** What the world has become, for {@link #restore}. */
    public synchronized WorldSnapshot snapshot() {
        return new WorldSnapshot(channels.values().stream().map(SimChannel::state).toList(),
                accounts.values().stream().map(SimulatedTelegram::state).toList(), sent, violations());
    }

    /** Publishes a post in {@code channelId} now, outside the script: for tests that need one exact post. */
    public Post publish(long channelId, String text, int albumMessages) {
        SimPost post;
        List<TelegramListener> listeners;
        synchronized (this) {
            SimChannel channel = channel(channelId).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
            post = channel.handWritten(clock.instant(), text, albumMessages);
            listeners = publishAndListeners(post);
        }
        listeners.forEach(listener -> listener.newPost(post.post()));
        return post.post();
    }

    /**
     * Every post published so far, the ones that existed before the start included, in the order they were published:
     * time order, except that a channel appearing later brings its history at once.
     */
    public synchronized List<Post> posts() {
        return List.copyOf(published);
    }

    /** Every comment the world accepted, in time order. */
    public synchronized List<SentComment> sent() {
        return List.copyOf(sent);
    }

    /** Every note the accounts wrote into their own Saved Messages, in time order. */
    public synchronized List<SavedMessage> savedMessages() {
        return List.copyOf(savedMessages);
    }

    /** Records a note into {@code account}'s Saved Messages. */
    synchronized SavedMessage save(String account, String text) {
        SavedMessage saved = new SavedMessage(account, clock.instant(), text, savedMessages.size() + 1);
        savedMessages.add(saved);
        return saved;
    }

    /** The sends so far that the engine's gate should have stopped. */
    public synchronized GateViolations violations() {
        return new GateViolations(outsideAllowlist, secondComments, duringFloodWait, toClosedChannel);
    }

    SimOptions options() {
        return options;
    }

    InstantSource clock() {
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
        sentByMessage.put(DiscussionMessage.of(comment), comment);
        post.addComment(new SimPost.Comment(comment.at(), comment.text()));
    }

    /**
     * What became of an accepted comment by now ({@link FeedbackModel}); empty when the world has no such comment, or it
     * or its post was deleted.
     */
    synchronized Optional<CommentFeedback> feedback(OurComment comment) {
        SentComment sentComment = sentByMessage.get(new DiscussionMessage(comment.discussionChatId(), comment.messageId()));
        if (sentComment == null || channel(sentComment.post().channelId()).flatMap(c -> c.post(sentComment.post().messageId()))
                .filter(post -> post.holds(new SimPost.Comment(sentComment.at(), sentComment.text()))).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(feedback.at(sentComment.discussionChatId(), sentComment.messageId(),
                Duration.between(sentComment.at(), clock.instant())));
    }

    /** A moderator deletes the comment at {@code at}; its author hears of it. */
    void deleteLater(SentComment comment, SimPost post, Instant at, SimulatedTelegram author) {
        scheduler.schedule(at, () -> {
            Optional<TelegramListener> listener;
            synchronized (this) {
                post.removeComment(new SimPost.Comment(comment.at(), comment.text()));
                listener = author.listener();
            }
            listener.ifPresent(l -> l.discussionMessageDeleted(comment.post().channelId(), comment.discussionChatId(), comment.messageId()));
        });
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

    /**
     * Creates the channels of {@code channelIds} that do not exist yet, each with posts from {@code asOf - history},
     * publishes those before {@code asOf} at once and wakes up for the next post when it comes sooner than the pending
     * wake-up.
     */
    private void open(Collection<Long> channelIds, Instant asOf) {
        synchronized (this) {
            Set<Long> fresh = new LinkedHashSet<>(channelIds);
            fresh.removeAll(channels.keySet());
            if (fresh.isEmpty()) {
                return;
            }
            for (long channelId : fresh) {
                while (channels.containsKey(nextDiscussionId) || fresh.contains(nextDiscussionId)) {
                    nextDiscussionId--;
                }
                var random = Seeds.stream(options.seed(), "channel " + channelId);
                long firstMessageId = random.nextLong(MIN_FIRST_MESSAGE_ID, MAX_FIRST_MESSAGE_ID);
                // whole seconds, like Telegram's dates (simulate starts on a whole second anyway)
                Instant from = asOf.minus(options.history()).truncatedTo(ChronoUnit.SECONDS);
                PostScript script = new PostScript(options, channelId, firstMessageId, from, random);
                SimChannel channel = new SimChannel(channelId,
                        options.channelTitles().getOrDefault(channelId, SimTexts.title(channels.size())), nextDiscussionId--,
                        options.forbiddenChannels().contains(channelId),
                        options.slowModeChannels().getOrDefault(channelId, Duration.ZERO), script);
                int order = channels.size();
                channels.put(channelId, channel);
                channel.nextScripted().ifPresent(post -> upcoming.add(new Upcoming(post, order)));
            }
            while (!upcoming.isEmpty() && upcoming.peek().post().at().isBefore(asOf)) {
                publishOnly(takeNext());
            }
            wakeUpIfSooner();
        }
    }

    private synchronized void load(WorldSnapshot snapshot, Instant now) {
        String restored = " restored at " + now;
        List<Post> history = new ArrayList<>();
        for (WorldSnapshot.ChannelState state : snapshot.channels()) {
            PostScript script = new PostScript(options, state.id(), state.nextMessageId(), now.truncatedTo(ChronoUnit.SECONDS),
                    Seeds.stream(options.seed(), "channel " + state.id() + restored));
            SimChannel channel = SimChannel.restore(state, options.forbiddenChannels().contains(state.id()),
                    options.slowModeChannels().getOrDefault(state.id(), Duration.ZERO), script);
            int order = channels.size();
            channels.put(state.id(), channel);
            state.posts().forEach(post -> history.add(post.post()));
            nextDiscussionId = Math.min(nextDiscussionId, state.discussionChatId() - 1);
            channel.nextScripted().ifPresent(post -> upcoming.add(new Upcoming(post, order)));
        }
        history.sort(Comparator.comparing(Post::publishedAt));
        published.addAll(history);
        for (WorldSnapshot.AccountState state : snapshot.accounts()) {
            SimulatedTelegram view = newView(state.name(), restored);
            view.restore(state);
            accounts.put(state.name(), view);
        }
        sent.addAll(snapshot.sent());
        sent.forEach(comment -> sentByMessage.put(DiscussionMessage.of(comment), comment));
        sent.forEach(comment -> commented.add(new AccountPost(comment.account(), comment.post())));
        GateViolations counted = snapshot.violations();
        outsideAllowlist = counted.outsideAllowlist();
        secondComments = counted.secondComment();
        duringFloodWait = counted.duringFloodWait();
        toClosedChannel = counted.toClosedChannel();
        wakeUpIfSooner();
    }

    /** A new view for {@code account}; its draws follow from the seed, the account and {@code epoch}. */
    private SimulatedTelegram newView(String account, String epoch) {
        return new SimulatedTelegram(this, account, Seeds.stream(options.seed(), "account " + account + epoch),
                Seeds.stream(options.seed(), "deletes " + account + epoch));
    }

    /** Schedules a wake-up for the head of the script unless one is pending for that time or sooner. */
    private void wakeUpIfSooner() {
        if (upcoming.isEmpty() || (wakeUpAt != null && !upcoming.peek().post().at().isBefore(wakeUpAt))) {
            return;
        }
        Instant at = upcoming.peek().post().at();
        wakeUpAt = at;
        scheduler.schedule(at, () -> announceNext(at));
    }

    /** Publishes the head of the script if this wake-up is still the pending one, then waits for the next post. */
    private void announceNext(Instant scheduledFor) {
        SimPost post;
        List<TelegramListener> listeners;
        Instant next;
        synchronized (this) {
            if (!scheduledFor.equals(wakeUpAt)) {
                return;
            }
            post = takeNext();
            listeners = publishAndListeners(post);
            wakeUpAt = upcoming.isEmpty() ? null : upcoming.peek().post().at();
            next = wakeUpAt;
        }
        // Outside the lock: a listener may call back into its Telegram view from another thread.
        listeners.forEach(listener -> listener.newPost(post.post()));
        if (next != null) {
            scheduler.schedule(next, () -> announceNext(next));
        }
    }

    /** Takes the head of the script and puts its channel's next post in line. */
    private SimPost takeNext() {
        Upcoming head = upcoming.poll();
        channels.get(head.post().post().channelId()).nextScripted()
                .ifPresent(post -> upcoming.add(new Upcoming(post, head.channelOrder())));
        return head.post();
    }

    /** Publishes {@code post} and returns the listeners of the accounts that prepared its channel. */
    private List<TelegramListener> publishAndListeners(SimPost post) {
        publishOnly(post);
        List<TelegramListener> listeners = new ArrayList<>();
        for (SimulatedTelegram account : accounts.values()) {
            account.listenerFor(post.post().channelId()).ifPresent(listeners::add);
        }
        return listeners;
    }

    private void publishOnly(SimPost post) {
        channels.get(post.post().channelId()).publish(post);
        published.add(post.post());
    }

    private record Upcoming(SimPost post, int channelOrder) {}

    private record AccountPost(String account, PostKey post) {}

    private record DiscussionMessage(long chatId, long messageId) {
        static DiscussionMessage of(SentComment comment) {
            return new DiscussionMessage(comment.discussionChatId(), comment.messageId());
        }
    }
}
