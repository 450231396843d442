package dev.marketolog.engine;

import dev.marketolog.telegram.Channel;
import dev.marketolog.telegram.Post;
import dev.marketolog.telegram.PostKey;
import dev.marketolog.telegram.SendResult;
import dev.marketolog.telegram.Telegram;
import dev.marketolog.telegram.TelegramError;
import dev.marketolog.telegram.TelegramListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A small Telegram for one account in the engine's tests: channels with posts the test publishes, and scripted answers
 * to sends (by default every comment goes through). It records every comment it took, with the clock's time.
 */
final class ScriptedTelegram implements Telegram {

    /** A comment Telegram took (or, for an unknown answer, may have taken). */
    record Comment(PostKey post, String text, Instant at) {}

    private final EngineClock clock;
    private final Map<Long, Channel> channels = new HashMap<>();
    private final Map<Long, List<Post>> posts = new HashMap<>();
    private final Deque<SendResult> scripted = new ArrayDeque<>();
    private final List<Comment> comments = new ArrayList<>();
    private Function<PostKey, Optional<SendResult>> rule = post -> Optional.empty();
    private TelegramListener listener = new TelegramListener() {};
    private Instant unreachableUntil = Instant.MIN;
    private long nextMessageId = 1;
    int recentPostsCalls;
    /** Times the engine closed the session (its lease went); volatile: the runner's and the balancer's threads call. */
    volatile int disconnects;

    ScriptedTelegram(EngineClock clock, List<Long> channelIds) {
        this.clock = clock;
        for (long id : channelIds) {
            channels.put(id, new Channel(id, "channel " + id, Optional.of(id - 1_000_000), Duration.ZERO, Optional.empty()));
        }
    }

    /** Makes the channel unusable from the start with this problem. */
    ScriptedTelegram closed(long channelId, TelegramError problem) {
        Channel c = channels.get(channelId);
        channels.put(channelId, new Channel(channelId, c.title(), c.discussionChatId(), c.slowModeDelay(), Optional.of(problem)));
        return this;
    }

    /** Telegram cannot be reached until {@code until}: channels prepared before then cannot be used (a network outage). */
    ScriptedTelegram unreachableUntil(Instant until) {
        unreachableUntil = until;
        return this;
    }

    /** The next sends answer these, in order, before the rule and the default. */
    ScriptedTelegram thenAnswer(SendResult... results) {
        scripted.addAll(List.of(results));
        return this;
    }

    /** Answers sends under matching posts with this result from now on. */
    ScriptedTelegram answerWith(Function<PostKey, Optional<SendResult>> rule) {
        this.rule = rule;
        return this;
    }

    /** Publishes a post now, telling the listener. */
    Post publish(long channelId, long messageId, String text) {
        Post post = new Post(channelId, messageId, clock.instant(), text);
        posts.computeIfAbsent(channelId, c -> new ArrayList<>()).add(post);
        listener.newPost(post);
        return post;
    }

    /** Adds a post published at {@code at} without telling the listener (it was there before the account started). */
    Post existing(long channelId, long messageId, Instant at, String text) {
        Post post = new Post(channelId, messageId, at, text);
        posts.computeIfAbsent(channelId, c -> new ArrayList<>()).add(post);
        return post;
    }

    TelegramListener listener() {
        return listener;
    }

    List<Comment> comments() {
        return List.copyOf(comments);
    }

    @Override
    public List<Channel> prepare(List<Long> allowlist) {
        Optional<TelegramError> unreachable = clock.instant().isBefore(unreachableUntil)
                ? Optional.of(new TelegramError.Unknown(0, "Telegram does not answer"))
                : Optional.empty();
        return allowlist.stream().filter(channels::containsKey).map(channels::get)
                .map(c -> unreachable.isEmpty() ? c : new Channel(c.channelId(), c.title(), c.discussionChatId(), c.slowModeDelay(), unreachable))
                .toList();
    }

    @Override
    public List<Post> recentPosts(long channelId, int limit) {
        recentPostsCalls++;
        return posts.getOrDefault(channelId, List.of()).stream()
                .sorted(Comparator.comparing(Post::publishedAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<String> commentsUnder(PostKey post, int limit) {
        return List.of();
    }

    @Override
    public SendResult comment(PostKey post, String text) {
        SendResult result = !scripted.isEmpty() ? scripted.poll()
                : rule.apply(post).orElseGet(() -> new SendResult.Sent(post.channelId() - 1_000_000, nextMessageId++, clock.instant()));
        if (!(result instanceof SendResult.Failed)) {
            comments.add(new Comment(post, text, clock.instant()));
        }
        return result;
    }

    /** The engine never writes to Saved Messages (notifications do, outside it): a note is simply taken. */
    @Override
    public SendResult saveMessage(String text) {
        return new SendResult.Sent(1, nextMessageId++, clock.instant());
    }

    @Override
    public void listen(TelegramListener listener) {
        this.listener = listener;
    }

    @Override
    public void disconnect() {
        disconnects++;
    }
}
