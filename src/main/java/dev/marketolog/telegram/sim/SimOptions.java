package dev.marketolog.telegram.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a {@link SimWorld} behaves: its seed, the span of time its channels post in, and the rates of its scripted failures.
 *
 * @param seed every random choice of the world follows from it
 * @param start when the simulation starts; posts from {@code start - history} exist already
 * @param length how long after {@code start} channels keep posting
 * @param history how far before {@code start} the channels' existing posts reach
 * @param postsPerDay the mean number of posts per channel and day (a Poisson process)
 * @param albumRate the share of posts that are albums
 * @param textlessRate the share of posts with neither text nor caption
 * @param peerFloodRate the probability that a send fails with PEER_FLOOD
 * @param floodWaitRate the probability that a send fails with a flood wait
 * @param floodWaitMin the shortest flood wait drawn
 * @param floodWaitMax the longest flood wait drawn (drawn log-uniformly in between, so short waits are the common case)
 * @param postGoneRate the probability that the post is deleted just before a comment lands
 * @param commentDeleteRate the probability that a moderator deletes an accepted comment within two minutes
 * @param forbiddenChannels channels whose discussion group is closed to every account
 * @param slowModeChannels channels whose discussion group has a slow-mode delay
 * @param channelTitles titles given to channels instead of the world's own (the console's tests give hostile ones)
 */
public record SimOptions(
        long seed,
        Instant start,
        Duration length,
        Duration history,
        double postsPerDay,
        double albumRate,
        double textlessRate,
        double peerFloodRate,
        double floodWaitRate,
        Duration floodWaitMin,
        Duration floodWaitMax,
        double postGoneRate,
        double commentDeleteRate,
        Set<Long> forbiddenChannels,
        Map<Long, Duration> slowModeChannels,
        Map<Long, String> channelTitles) {

    public SimOptions {
        requireNonNegative("length", length);
        requireNonNegative("history", history);
        if (!(postsPerDay >= 0)) {
            throw new IllegalArgumentException("posts per day must be 0 or more, got " + postsPerDay);
        }
        requireProbability("album rate", albumRate);
        requireProbability("textless rate", textlessRate);
        requireProbability("peer flood rate", peerFloodRate);
        requireProbability("flood wait rate", floodWaitRate);
        requireProbability("post gone rate", postGoneRate);
        requireProbability("comment delete rate", commentDeleteRate);
        if (floodWaitMin.compareTo(Duration.ofSeconds(1)) < 0 || floodWaitMax.compareTo(floodWaitMin) < 0) {
            throw new IllegalArgumentException(
                    "flood waits need 1 s <= min <= max, got " + floodWaitMin + ".." + floodWaitMax);
        }
        slowModeChannels.forEach((channel, delay) -> {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("slow mode of " + channel + " must be positive, got " + delay);
            }
        });
        forbiddenChannels = Set.copyOf(forbiddenChannels);
        slowModeChannels = Map.copyOf(slowModeChannels);
        channelTitles = Map.copyOf(channelTitles);
    }

    /** Options with the world's defaults: 6 posts a day, a day of history, 1% of posts deleted under us, no other failures. */
    public static Builder builder(long seed, Instant start, Duration length) {
        return new Builder(seed, start, length);
    }

    private static void requireNonNegative(String what, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + duration);
        }
    }

    private static void requireProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability from 0 to 1, got " + p);
        }
    }

    /** Builds {@link SimOptions}; every setter may be left out. */
    public static final class Builder {
        private final long seed;
        private final Instant start;
        private final Duration length;
        private Duration history = Duration.ofDays(1);
        private double postsPerDay = 6;
        private double albumRate = 0.1;
        private double textlessRate = 0.05;
        private double peerFloodRate;
        private double floodWaitRate;
        private Duration floodWaitMin = Duration.ofSeconds(5);
        private Duration floodWaitMax = Duration.ofHours(1);
        private double postGoneRate = 0.01;
        private double commentDeleteRate;
        private final Set<Long> forbidden = new LinkedHashSet<>();
        private final Map<Long, Duration> slowMode = new LinkedHashMap<>();
        private final Map<Long, String> titles = new LinkedHashMap<>();

        private Builder(long seed, Instant start, Duration length) {
            this.seed = seed;
            this.start = start;
            this.length = length;
        }

        public Builder history(Duration history) {
            this.history = history;
            return this;
        }

        public Builder postsPerDay(double postsPerDay) {
            this.postsPerDay = postsPerDay;
            return this;
        }

        public Builder albumRate(double albumRate) {
            this.albumRate = albumRate;
            return this;
        }

        public Builder textlessRate(double textlessRate) {
            this.textlessRate = textlessRate;
            return this;
        }

        public Builder peerFloodRate(double peerFloodRate) {
            this.peerFloodRate = peerFloodRate;
            return this;
        }

        public Builder floodWaitRate(double floodWaitRate) {
            this.floodWaitRate = floodWaitRate;
            return this;
        }

        public Builder floodWaits(Duration min, Duration max) {
            this.floodWaitMin = min;
            this.floodWaitMax = max;
            return this;
        }

        public Builder postGoneRate(double postGoneRate) {
            this.postGoneRate = postGoneRate;
            return this;
        }

        public Builder commentDeleteRate(double commentDeleteRate) {
            this.commentDeleteRate = commentDeleteRate;
            return this;
        }

        public Builder forbidden(long channelId) {
            forbidden.add(channelId);
            return this;
        }

        /** The channel is called {@code title}. */
        public Builder title(long channelId, String title) {
            titles.put(channelId, title);
            return this;
        }

        public Builder slowMode(long channelId, Duration delay) {
            slowMode.put(channelId, delay);
            return this;
        }

        public SimOptions build() {
            return new SimOptions(seed, start, length, history, postsPerDay, albumRate, textlessRate, peerFloodRate,
                    floodWaitRate, floodWaitMin, floodWaitMax, postGoneRate, commentDeleteRate, forbidden, slowMode, titles);
        }
    }
}
