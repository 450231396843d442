package dev.marketolog.telegram.sim;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.CommentFeedback;
import dev.marketolog.telegram.OurComment;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/** One account's view of a {@link SimWorld}: the port as the engine sees it, with the world's scripted failures. */
final class SimulatedTelegram implements Telegram {

    private static final TelegramError.ChannelClosed NOT_FOUND = new TelegramError.ChannelClosed("Chat not found");
    private static final long MAX_DELETE_DELAY_SECONDS = 120;
    /** The simulation's chat id of every account's Saved Messages. */
    static final long SAVED_MESSAGES_CHAT = 1;
    private static final TelegramError.PostGone MESSAGE_NOT_FOUND = new TelegramError.PostGone("Message not found");

    private final SimWorld world;
    private final String account;
    private final RandomGenerator random;
    private final RandomGenerator deletions;
    private Set<Long> allowlist = Set.of();
    private final Set<Long> prepared = new HashSet<>();
    private final Set<Long> toldClosed = new HashSet<>();
    private final Map<Long, Instant> lastSentByChannel = new HashMap<>();
    private Instant floodWaitUntil = Instant.MIN;
    private TelegramListener listener;

    /**
     * @param random the draws of the scripted failures
     * @param deletions the draws of moderators deleting this account's comments, apart so that they shift nothing else
     */
    SimulatedTelegram(SimWorld world, String account, RandomGenerator random, RandomGenerator deletions) {
        this.world = world;
        this.account = account;
        this.random = random;
        this.deletions = deletions;
    }

    /** The account's allowlist as of its latest connection. Called under the world's lock. */
    void allow(Set<Long> allowlist) {
        this.allowlist = allowlist;
    }

    /** Adds {@code channels} to the account's allowlist. Called under the world's lock. */
    void allowAlso(Set<Long> channels) {
        Set<Long> wider = new HashSet<>(allowlist);
        wider.addAll(channels);
        this.allowlist = Set.copyOf(wider);
    }

    @Override
    public List<Channel> prepare(List<Long> channelIds) {
        synchronized (world) {
            List<Channel> described = new ArrayList<>(channelIds.size());
            for (long channelId : channelIds) {
                Optional<SimChannel> found = world.channel(channelId);
                found.ifPresent(channel -> prepared.add(channelId));
                Channel channel = found.map(SimChannel::describe)
                        .orElseGet(() -> new Channel(channelId, "", Optional.empty(), Duration.ZERO, Optional.of(NOT_FOUND)));
                if (channel.problem().isPresent()) {
                    toldClosed.add(channelId);
                }
                described.add(channel);
            }
            return described;
        }
    }

    @Override
    public List<Post> recentPosts(long channelId, int limit) {
        synchronized (world) {
            return world.channel(channelId).map(channel -> channel.newest(limit)).orElse(List.of());
        }
    }

    @Override
    public List<String> commentsUnder(PostKey post, int limit) {
        synchronized (world) {
            return world.channel(post.channelId()).flatMap(channel -> channel.post(post.messageId()))
                    .map(p -> p.latestComments(world.clock().instant(), limit))
                    .orElse(List.of());
        }
    }

    @Override
    public SendResult comment(PostKey key, String text) {
        synchronized (world) {
            Instant now = world.clock().instant();
            if (!allowlist.contains(key.channelId())) {
                world.countOutsideAllowlist();
            }
            Optional<SimChannel> found = world.channel(key.channelId());
            if (found.isEmpty()) {
                toldClosed.add(key.channelId());
                return new SendResult.Failed(NOT_FOUND, false);
            }
            SimChannel channel = found.get();
            if (toldClosed.contains(channel.id())) {
                world.countToClosedChannel();
            }
            if (channel.forbidden()) {
                toldClosed.add(channel.id());
                return new SendResult.Failed(SimChannel.FORBIDDEN, true);
            }
            if (now.isBefore(floodWaitUntil)) {
                world.countDuringFloodWait();
                return failed(new TelegramError.FloodWait(Duration.between(now, floodWaitUntil)));
            }
            Optional<SimPost> post = channel.post(key.messageId());
            if (post.isEmpty()) {
                return failed(MESSAGE_NOT_FOUND);
            }
            Optional<Duration> slowModeLeft = slowModeLeft(channel, now);
            if (slowModeLeft.isPresent()) {
                return failed(new TelegramError.SlowMode(slowModeLeft.get()));
            }
            return send(channel, post.get(), text, now);
        }
    }

    /** From the world's {@link FeedbackModel}: the same comment at the same age always gets the same feedback. */
    @Override
    public Map<OurComment, CommentFeedback> feedback(List<OurComment> comments) {
        Map<OurComment, CommentFeedback> read = new LinkedHashMap<>();
        for (OurComment comment : comments) {
            world.feedback(comment).ifPresent(feedback -> read.put(comment, feedback));
        }
        return read;
    }

    /** Saved Messages is the chat with oneself: its id in the simulation is the account's {@link #SAVED_MESSAGES_CHAT}. */
    @Override
    public SendResult saveMessage(String text) {
        SavedMessage saved = world.save(account, text);
        return new SendResult.Sent(SAVED_MESSAGES_CHAT, saved.messageId(), saved.at());
    }

    @Override
    public void listen(TelegramListener listener) {
        synchronized (world) {
            this.listener = listener;
        }
    }

    WorldSnapshot.AccountState state() {
        return new WorldSnapshot.AccountState(account, allowlist, Set.copyOf(prepared), Set.copyOf(toldClosed),
                Map.copyOf(lastSentByChannel), floodWaitUntil.equals(Instant.MIN) ? null : floodWaitUntil);
    }

    /** Takes on what the account's view was in {@code state}. Called under the world's lock. */
    void restore(WorldSnapshot.AccountState state) {
        allowlist = Set.copyOf(state.allowlist());
        prepared.addAll(state.prepared());
        toldClosed.addAll(state.toldClosed());
        lastSentByChannel.putAll(state.lastSentByChannel());
        floodWaitUntil = state.floodWaitUntil() == null ? Instant.MIN : state.floodWaitUntil();
    }

    /** The account's listener, if it registered one. Called under the world's lock. */
    Optional<TelegramListener> listener() {
        return Optional.ofNullable(listener);
    }

    /** The listener to tell about a new post in {@code channelId}: only channels this account has prepared, as in TDLib. */
    Optional<TelegramListener> listenerFor(long channelId) {
        return prepared.contains(channelId) ? Optional.ofNullable(listener) : Optional.empty();
    }

    private Optional<Duration> slowModeLeft(SimChannel channel, Instant now) {
        Instant last = lastSentByChannel.get(channel.id());
        if (channel.slowModeDelay().isZero() || last == null) {
            return Optional.empty();
        }
        Instant free = last.plus(channel.slowModeDelay());
        return now.isBefore(free) ? Optional.of(Duration.between(now, free)) : Optional.empty();
    }

    /** The scripted failures: every send draws the same numbers, so one rate never shifts the outcomes of another. */
    private SendResult send(SimChannel channel, SimPost post, String text, Instant now) {
        SimOptions options = world.options();
        boolean peerFlood = random.nextDouble() < options.peerFloodRate();
        boolean floodWait = random.nextDouble() < options.floodWaitRate();
        Duration floodWaitLength = logUniform(options.floodWaitMin(), options.floodWaitMax());
        boolean postGone = random.nextDouble() < options.postGoneRate();
        if (peerFlood) {
            return failed(new TelegramError.PeerFlood());
        }
        if (floodWait) {
            floodWaitUntil = now.plus(floodWaitLength);
            return failed(new TelegramError.FloodWait(floodWaitLength));
        }
        if (postGone) {
            channel.delete(post);
            return failed(MESSAGE_NOT_FOUND);
        }
        long messageId = channel.takeDiscussionMessageId();
        SentComment comment = new SentComment(account, post.post().key(), now, text, channel.discussionChatId(), messageId);
        world.recordSent(comment, post);
        lastSentByChannel.put(channel.id(), now);
        if (options.commentDeleteRate() > 0 && deletions.nextDouble() < options.commentDeleteRate()) {
            world.deleteLater(comment, post, now.plusSeconds(deletions.nextLong(1, MAX_DELETE_DELAY_SECONDS + 1)), this);
        }
        return new SendResult.Sent(channel.discussionChatId(), messageId, now, Optional.of(link(channel.discussionChatId(), messageId)));
    }

    /**
     * A t.me-like link to a comment of the simulated world: {@code https://t.me/c/<id>/<message>}, the id being the
     * chat id without its {@code -100} prefix, as Telegram writes links to private supergroups.
     */
    static String link(long discussionChatId, long messageId) {
        String chat = Long.toString(-discussionChatId);
        return "https://t.me/c/" + (chat.startsWith("100") ? chat.substring(3) : chat) + "/" + messageId;
    }

    private Duration logUniform(Duration min, Duration max) {
        double low = Math.log(min.toSeconds());
        double high = Math.log(max.toSeconds());
        return Duration.ofSeconds(Math.round(Math.exp(low + random.nextDouble() * (high - low))));
    }

    private static SendResult failed(TelegramError error) {
        return new SendResult.Failed(error, true);
    }
}
