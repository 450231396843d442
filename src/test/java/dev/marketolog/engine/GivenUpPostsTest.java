package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.Post;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GivenUpPostsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private final GivenUpPosts givenUp = new GivenUpPosts(HOUR);

    @Test
    void aPostIsGivenUpOnce() {
        Post post = post(1, NOW);

        assertThat(givenUp.add(post)).isTrue();
        assertThat(givenUp.add(post)).isFalse();
        assertThat(givenUp.addClosedInReview(post)).isFalse();
        assertThat(givenUp.contains(post.key())).isTrue();
    }

    @Test
    void newSettingsKeepThePostsAnOperatorClosedInReviewAndForgetTheRest() {
        Post declined = post(1, NOW);
        Post rejected = post(2, NOW);
        givenUp.add(declined);
        givenUp.addClosedInReview(rejected);

        GivenUpPosts next = givenUp.forNewSettings(Duration.ofHours(3));

        assertThat(next.contains(rejected.key())).isTrue();
        assertThat(next.contains(declined.key())).as("the new settings may decide it otherwise").isFalse();
    }

    @Test
    void postsOlderThanTheFreshAgeAreForgottenAndTheNewSettingsAgeCounts() {
        Post old = post(1, NOW.minus(Duration.ofMinutes(90)));
        Post fresh = post(2, NOW.minus(Duration.ofMinutes(30)));
        givenUp.addClosedInReview(old);
        givenUp.addClosedInReview(fresh);

        givenUp.prune(NOW);
        GivenUpPosts longer = givenUp.forNewSettings(Duration.ofHours(3));
        longer.addClosedInReview(post(3, NOW.minus(Duration.ofMinutes(150))));
        longer.prune(NOW);

        assertThat(givenUp.contains(old.key())).isFalse();
        assertThat(givenUp.contains(fresh.key())).isTrue();
        assertThat(longer.contains(fresh.key())).isTrue();
        assertThat(longer.contains(post(3, NOW).key())).as("within the new three hours").isTrue();
    }

    private static Post post(long id, Instant publishedAt) {
        return new Post(-1001L, id, publishedAt, "text " + id);
    }
}
