package dev.marketolog.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.marketolog.telegram.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReviewStore} does with its {@link Journal}; each adapter's test extends it. */
public abstract class ReviewStoreContract {

    protected static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final FleetRules ONE_PER_POST = new FleetRules(1, Duration.ZERO);
    private static final Post POST = new Post(-1001, 17, T0.minusSeconds(600), "Новость о ставках");
    private static final Operator ANNA = new Operator("anna", "10.0.0.7");

    private EngineStores stores;
    private ReviewStore reviews;
    private long epoch;

    /** Fresh, empty stores in which accounts {@code a}, {@code b} and {@code c} exist. */
    protected abstract EngineStores emptyStores();

    @BeforeEach
    void createStores() {
        stores = emptyStores();
        reviews = stores.reviews();
        epoch = stores.leases().take("a", "owner-a", Duration.ofMinutes(5)).orElseThrow();
    }

    private long held(String text) {
        long id = ((Reservation.Reserved) stores.journal().reserve("a", POST.key(), Branch.INSTANT, T0, ONE_PER_POST, epoch)).id();
        reviews.hold(new ReviewDraft(id, "Деньги", POST, List.of("первый", "второй"), text, T0.plusSeconds(7200)), T0);
        return id;
    }

    @Test
    void aHeldDraftWaitsCountsAndBlocksItsPostForEveryAccount() {
        long id = held("черновик");

        assertThat(reviews.pending("a")).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo(id);
            assertThat(item.state()).isEqualTo(ReviewState.WAITING);
            assertThat(item.post()).isEqualTo(POST);
            assertThat(item.branch()).isEqualTo(Branch.INSTANT);
            assertThat(item.commentsUnder()).containsExactly("первый", "второй");
            assertThat(item.originalText()).isEqualTo("черновик");
            assertThat(item.expiresAt()).isEqualTo(T0.plusSeconds(7200));
        });
        assertThat(reviews.pending()).hasSize(1);
        assertThat(reviews.pending("b")).isEmpty();
        assertThat(stores.journal().history("a", T0)).extracting(JournalEntry::status).containsExactly(CommentStatus.AWAITING_REVIEW);
        long epochB = stores.leases().take("b", "owner-b", Duration.ofMinutes(5)).orElseThrow();
        assertThat(stores.journal().reserve("b", POST.key(), Branch.SCHEDULER, T0, ONE_PER_POST, epochB)).isInstanceOf(Reservation.FleetBusy.class);
    }

    @Test
    void recoveryLeavesAWaitingDraftAlone() {
        long id = held("черновик");

        stores.journal().recover("a", T0.plusSeconds(60));

        assertThat(reviews.item(id).orElseThrow().state()).isEqualTo(ReviewState.WAITING);
        assertThat(stores.journal().history("a", T0)).extracting(JournalEntry::status).containsExactly(CommentStatus.AWAITING_REVIEW);
    }

    @Test
    void anEditReplacesTheTextAndApprovesARegeneratedDraftWaitsAgain() {
        long id = held("черновик");

        assertThat(reviews.replace(id, "правка", ReviewEvent.Kind.EDITED, ANNA, T0.plusSeconds(10))).isTrue();
        assertThat(reviews.item(id).orElseThrow()).satisfies(item -> {
            assertThat(item.state()).isEqualTo(ReviewState.APPROVED);
            assertThat(item.text()).isEqualTo("правка");
            assertThat(item.originalText()).isEqualTo("черновик");
            assertThat(item.approvedBy()).contains(ANNA);
        });
        assertThat(reviews.replace(id, "новый", ReviewEvent.Kind.REGENERATED, ANNA, T0.plusSeconds(20))).isTrue();
        assertThat(reviews.item(id).orElseThrow()).satisfies(item -> {
            assertThat(item.state()).isEqualTo(ReviewState.WAITING);
            assertThat(item.approvedBy()).isEmpty();
        });
        assertThat(reviews.history(id)).extracting(ReviewEvent::kind, e -> e.text().orElse(""))
                .containsExactly(
                        tuple(ReviewEvent.Kind.DRAFTED, "черновик"),
                        tuple(ReviewEvent.Kind.EDITED, "правка"),
                        tuple(ReviewEvent.Kind.REGENERATED, "новый"));
    }

    @Test
    void anApprovedDraftIsSentOnlyUnderTheLeaseItsRunnerHolds() {
        long id = held("черновик");
        assertThat(reviews.markSending(id, epoch, T0.plusSeconds(5))).as("not approved yet").isFalse();
        assertThat(reviews.approve(id, ANNA, T0.plusSeconds(10))).isTrue();
        assertThat(reviews.approve(id, ANNA, T0.plusSeconds(11))).as("approved once").isFalse();

        assertThat(reviews.markSending(id, epoch + 1, T0.plusSeconds(20))).as("another lease").isFalse();
        assertThat(reviews.markSending(id, epoch, T0.plusSeconds(20))).isTrue();

        assertThat(reviews.item(id).orElseThrow().state()).isEqualTo(ReviewState.SENT);
        assertThat(reviews.pending()).isEmpty();
        stores.journal().markSent(id, -1000001, 99, Optional.empty(), T0.plusSeconds(21), List.of());
        assertThat(stores.journal().recentTexts("a", 1)).containsExactly("черновик");
        assertThat(stores.journal().history("a", T0)).extracting(JournalEntry::at).containsExactly(T0.plusSeconds(21));
        assertThat(reviews.close(id, ReviewState.REJECTED, Optional.of(ANNA), Optional.empty(), T0.plusSeconds(30))).isFalse();
    }

    @Test
    void aClosedDraftReleasesItsSlotAndItsPostIsRemembered() {
        long id = held("черновик");

        assertThat(reviews.close(id, ReviewState.EXPIRED, Optional.empty(), Optional.of("timed out"), T0.plusSeconds(7200))).isTrue();

        assertThat(stores.journal().history("a", T0)).isEmpty();
        assertThat(reviews.pending()).isEmpty();
        assertThat(reviews.closed("a", T0)).containsExactly(POST);
        assertThat(reviews.closed("a", T0.plusSeconds(7201))).isEmpty();
        assertThat(reviews.history(id)).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ReviewEvent.Kind.EXPIRED);
            assertThat(e.note()).contains("timed out");
        });
        assertThat(reviews.approve(id, ANNA, T0.plusSeconds(7300))).isFalse();
    }

    @Test
    void theGatesWordIsKeptWithTheDraft() {
        long id = held("черновик");

        reviews.assess(id, Optional.of(SkipReason.HOURLY_LIMIT), Optional.of(T0.plusSeconds(900)));

        assertThat(reviews.item(id).orElseThrow()).satisfies(item -> {
            assertThat(item.blockedBy()).contains(SkipReason.HOURLY_LIMIT);
            assertThat(item.couldGoAt()).contains(T0.plusSeconds(900));
        });
    }
}
