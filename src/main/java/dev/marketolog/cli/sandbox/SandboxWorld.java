package dev.marketolog.cli.sandbox;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramListener;
import dev.marketolog.telegram.sandbox.WireError;
import dev.marketolog.telegram.sandbox.WireUpdate;
import dev.marketolog.telegram.sim.GateViolations;
import dev.marketolog.telegram.sim.SavedMessage;
import dev.marketolog.telegram.sim.SimOptions;
import dev.marketolog.telegram.sim.SimWorld;
import dev.marketolog.telegram.sim.WorldScheduler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The simulated world on the real clock, as the sandbox serves it: one {@link SimWorld} (the same rules as
 * {@code simulate}), each connected account's stream of updates, and the record of every comment received and every send
 * refused, with the {@code serve} instance that sent it. Thread-safe.
 */
public final class SandboxWorld implements AutoCloseable {

    /** The real clock in milliseconds: enough for every limit, and what the record and the state file show. */
    private static final InstantSource CLOCK = InstantSource.tick(InstantSource.system(), Duration.ofMillis(1));
    /** The highest id a channel can have: -100 followed by a ten-digit number (-1000000000000 and below). */
    private static final long MAX_CHANNEL_ID = -1_000_000_000_000L;

    private final SimWorld world;
    private final InstantSource clock;
    private final ScheduledExecutorService timetable;
    private final Map<String, Connected> accounts = new ConcurrentHashMap<>();
    private final Bell bell = new Bell();
    private final List<ReceivedComment> received = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();

    private record Connected(Telegram telegram, Mailbox mailbox) {}

    private SandboxWorld(InstantSource clock, ScheduledExecutorService timetable,
            Function<WorldScheduler, SimWorld> build) {
        this.clock = clock;
        this.timetable = timetable;
        this.world = build.apply((at, task) -> timetable.schedule(task,
                Math.max(0, Duration.between(clock.instant(), at).toNanos()), TimeUnit.NANOSECONDS));
    }

    /** A new world with {@code channels} from the start, more as accounts connect. */
    public static SandboxWorld create(SimOptions options, Collection<Long> channels) {
        InstantSource clock = CLOCK;
        return new SandboxWorld(clock, timetable(), scheduler -> SimWorld.create(options, channels, clock, scheduler));
    }

    /** The world of {@code state} again, posting on from now under {@code options}. */
    public static SandboxWorld restore(SimOptions options, SandboxState state) {
        InstantSource clock = CLOCK;
        SandboxWorld sandbox = new SandboxWorld(clock, timetable(),
                scheduler -> SimWorld.restore(options, state.world(), clock, scheduler));
        sandbox.received.addAll(state.comments());
        sandbox.refusals.addAll(state.refusals());
        return sandbox;
    }

    private static ScheduledExecutorService timetable() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sandbox-world").daemon().factory());
    }

    /** Connects {@code account} with its allowlist (its channels appear if they are new); the latest update's number. */
    public long connect(String account, List<Long> allowlist) {
        Connected connected = accounts.compute(account, (name, before) -> {
            Telegram telegram = world.telegramFor(name, allowlist);
            if (before != null) {
                return before;
            }
            Mailbox mailbox = new Mailbox(bell);
            telegram.listen(new TelegramListener() {
                @Override
                public void newPost(Post post) {
                    mailbox.newPost(post);
                }

                @Override
                public void discussionMessageDeleted(long channelId, long discussionChatId, long messageId) {
                    mailbox.ownCommentDeleted(channelId, discussionChatId, messageId);
                }

                @Override
                public void restricted(long channelId, String reason) {
                    mailbox.restricted(channelId, reason);
                }
            });
            return new Connected(telegram, mailbox);
        });
        return connected.mailbox().latest();
    }

    /**
     * Prepares {@code channels} for {@code account}. The engine prepares only allowlisted channels, so one the account did
     * not connect with was added to its allowlist since (an operator's override): it joins the allowlist and, when new,
     * appears now with its recent history, as on a connection. An id that is not a channel's stays unknown.
     */
    public List<Channel> prepare(String account, List<Long> channels) {
        Telegram telegram = connected(account).telegram();
        world.allowAlso(account, channels.stream().filter(SandboxWorld::isChannelId).toList());
        return telegram.prepare(channels);
    }

    /** Whether {@code chatId} has the form of a channel's id in the Bot API's numbering: -100 and then the channel's own. */
    private static boolean isChannelId(long chatId) {
        return chatId <= MAX_CHANNEL_ID;
    }

    public List<Post> recentPosts(String account, long channelId, int limit) {
        return connected(account).telegram().recentPosts(channelId, limit);
    }

    /** The latest comments under a post, empty when the post is unknown: see {@link #hasPost}. */
    public List<String> commentsUnder(String account, PostKey post, int limit) {
        return connected(account).telegram().commentsUnder(post, limit);
    }

    /** Whether {@code post} is a post the account can see: a published, not deleted one of a channel it can read. */
    public boolean hasPost(String account, PostKey post) {
        return connected(account).telegram().recentPosts(post.channelId(), Integer.MAX_VALUE).stream()
                .anyMatch(p -> p.messageId() == post.messageId());
    }

    /** Sends a comment as {@code account} and records the outcome with the instance that sent it. */
    public SendResult comment(String account, PostKey post, String text, String instance) {
        SendResult result = connected(account).telegram().comment(post, text);
        synchronized (this) {
            switch (result) {
                case SendResult.Sent sent -> received.add(new ReceivedComment(account, post.channelId(), post.messageId(),
                        sent.discussionChatId(), sent.messageId(), sent.sentAt(), text, instance));
                case SendResult.Failed failed -> refusals.add(new Refusal(account, post.channelId(), post.messageId(),
                        clock.instant(), WireError.of(failed.error()), instance));
                case SendResult.Unknown unknown -> {}
            }
        }
        return result;
    }

    /**
     * What became of {@code comments} by now, as the world simulates it: a pure function of the seed, the comment and its
     * age, so it outlives a restart with {@code --state}. A comment the world does not have (or deleted) is left out.
     */
    public Map<OurComment, CommentFeedback> feedback(String account, List<OurComment> comments) {
        return connected(account).telegram().feedback(comments);
    }

    /** Writes a note into {@code account}'s own Saved Messages (the world records it; see {@link #savedMessages()}). */
    public SendResult saveMessage(String account, String text) {
        return connected(account).telegram().saveMessage(text);
    }

    /** Every note the accounts wrote into their Saved Messages, in time order. */
    public List<SavedMessage> savedMessages() {
        return world.savedMessages();
    }

    /** Publishes a post in {@code channelId} now, outside the script: for tests that need one exact post. */
    public Post publish(long channelId, String text, int albumMessages) {
        return world.publish(channelId, text, albumMessages);
    }

    /** The account's updates after {@code after}, waiting up to {@code timeout} for one. */
    public WireUpdate.Batch updates(String account, long after, Duration timeout) throws InterruptedException {
        WireUpdate.Batches batches = updates(Map.of(account, after), timeout);
        if (!batches.unknown().isEmpty()) {
            throw new UnknownAccountException(account);
        }
        return batches.accounts().getOrDefault(account, new WireUpdate.Batch(after, List.of()));
    }

    /**
     * The updates of each account of {@code after} past its number, waiting up to {@code timeout} for the first of any;
     * an account the world does not know is answered at once, as unknown. One poll serves all of a process's accounts.
     */
    public WireUpdate.Batches updates(Map<String, Long> after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long rings = bell.rings();
            Map<String, WireUpdate.Batch> found = new HashMap<>();
            List<String> unknown = new ArrayList<>();
            after.forEach((account, seq) -> {
                Connected connected = accounts.get(account);
                if (connected == null) {
                    unknown.add(account);
                } else {
                    connected.mailbox().after(seq).ifPresent(batch -> found.put(account, batch));
                }
            });
            if (!found.isEmpty() || !unknown.isEmpty() || deadline - System.nanoTime() <= 0) {
                return new WireUpdate.Batches(found, unknown);
            }
            bell.await(rings, deadline);
        }
    }

    public synchronized List<ReceivedComment> received() {
        return List.copyOf(received);
    }

    public synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    public GateViolations violations() {
        return world.violations();
    }

    public synchronized SandboxState state() {
        return new SandboxState(world.snapshot(), received, refusals);
    }

    public boolean knows(String account) {
        return accounts.containsKey(account);
    }

    private Connected connected(String account) {
        return Optional.ofNullable(accounts.get(account)).orElseThrow(() -> new UnknownAccountException(account));
    }

    /** Stops publishing. */
    @Override
    public void close() {
        timetable.shutdownNow();
    }

    /** A request for an account that has not connected (since the sandbox started). */
    public static final class UnknownAccountException extends RuntimeException {
        UnknownAccountException(String account) {
            super("unknown account '" + account + "': connect it first (POST /api/accounts/" + account + "/connect)");
        }
    }
}
