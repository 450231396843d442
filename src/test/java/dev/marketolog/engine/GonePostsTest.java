package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.Post;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GonePostsTest {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aGonePostIsKeptWhileTheLongestFreshAgeOfTheFleetLasts() {
        GonePosts gone = new GonePosts();
        gone.keepFor(Duration.ofHours(1));
        gone.keepFor(Duration.ofHours(3));
        gone.keepFor(Duration.ofHours(2));
        Post early = new Post(-1001, 1, NOON.minus(Duration.ofHours(2)), "text");
        gone.add(early, NOON);

        gone.add(new Post(-1001, 2, NOON, "text"), NOON.plus(Duration.ofMinutes(59)));
        assertThat(gone.contains(early.key())).isTrue();

        gone.add(new Post(-1001, 3, NOON, "text"), NOON.plus(Duration.ofMinutes(61)));
        assertThat(gone.contains(early.key())).isFalse();
        assertThat(gone.contains(new Post(-1001, 2, NOON, "text").key())).isTrue();
    }
}
