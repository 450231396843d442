package dev.marketolog.store.memory;

import dev.marketolog.engine.Branch;
import dev.marketolog.engine.Operator;
import dev.marketolog.engine.ReviewDraft;
import dev.marketolog.engine.ReviewEvent;
import dev.marketolog.engine.ReviewItem;
import dev.marketolog.engine.ReviewState;
import dev.marketolog.engine.ReviewStore;
import dev.marketolog.engine.SkipReason;
import dev.marketolog.telegram.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review queue in memory, for simulate and tests: the same rules as the JDBC one. Every move holds the journal's
 * lock, so an item and its journal row change in one step.
 */
final class InMemoryReviewStore implements ReviewStore {

    private final InMemoryJournal journal;
    private final Map<Long, ReviewItem> items = new LinkedHashMap<>();
    private final Map<Long, List<ReviewEvent>> events = new LinkedHashMap<>();
    private final Map<Long, Instant> closedAt = new LinkedHashMap<>();

    InMemoryReviewStore(InMemoryJournal journal) {
        this.journal = journal;
    }

    @Override
    public void hold(ReviewDraft draft, Instant at) {
        synchronized (journal) {
            String account = journal.awaitReview(draft.id(), draft.text());
            Branch branch = journal.branchOf(draft.id());
            items.put(draft.id(), new ReviewItem(draft.id(), account, draft.channelTitle(), draft.post(), branch, draft.commentsUnder(),
                    ReviewState.WAITING, draft.text(), draft.text(), at, draft.expiresAt(), Optional.empty(), Optional.empty(), Optional.empty()));
            event(draft.id(), at, ReviewEvent.Kind.DRAFTED, Optional.of(draft.text()), Optional.empty(), Optional.empty());
        }
    }

    @Override
    public List<ReviewItem> pending(String account) {
        synchronized (journal) {
            return items.values().stream().filter(i -> i.state().pending() && i.account().equals(account)).toList();
        }
    }

    @Override
    public List<ReviewItem> pending() {
        synchronized (journal) {
            return items.values().stream().filter(i -> i.state().pending()).toList();
        }
    }

    @Override
    public List<Post> closed(String account, Instant since) {
        synchronized (journal) {
            return items.values().stream()
                    .filter(i -> i.account().equals(account) && closedAt.containsKey(i.id()) && !closedAt.get(i.id()).isBefore(since))
                    .map(ReviewItem::post)
                    .toList();
        }
    }

    @Override
    public Optional<ReviewItem> item(long id) {
        synchronized (journal) {
            return Optional.ofNullable(items.get(id));
        }
    }

    @Override
    public List<ReviewEvent> history(long id) {
        synchronized (journal) {
            return List.copyOf(events.getOrDefault(id, List.of()));
        }
    }

    @Override
    public boolean approve(long id, Operator by, Instant at) {
        synchronized (journal) {
            ReviewItem item = items.get(id);
            if (item == null || item.state() != ReviewState.WAITING) {
                return false;
            }
            put(item, ReviewState.APPROVED, item.text(), Optional.of(by), item.blockedBy(), item.couldGoAt());
            event(id, at, ReviewEvent.Kind.APPROVED, Optional.empty(), Optional.of(by), Optional.empty());
            return true;
        }
    }

    @Override
    public boolean replace(long id, String text, ReviewEvent.Kind kind, Operator by, Instant at) {
        synchronized (journal) {
            ReviewItem item = items.get(id);
            if (item == null || !item.state().pending()) {
                return false;
            }
            boolean edited = kind == ReviewEvent.Kind.EDITED;
            journal.retext(id, text);
            put(item, edited ? ReviewState.APPROVED : ReviewState.WAITING, text, edited ? Optional.of(by) : Optional.empty(),
                    Optional.empty(), Optional.empty());
            event(id, at, kind, Optional.of(text), Optional.of(by), Optional.empty());
            return true;
        }
    }

    @Override
    public boolean close(long id, ReviewState to, Optional<Operator> by, Optional<String> note, Instant at) {
        if (to != ReviewState.REJECTED && to != ReviewState.EXPIRED) {
            throw new IllegalArgumentException("a draft is closed as rejected or expired, not " + to.code());
        }
        synchronized (journal) {
            ReviewItem item = items.get(id);
            if (item == null || !item.state().pending()) {
                return false;
            }
            journal.releaseReviewed(id);
            put(item, to, item.text(), item.approvedBy(), item.blockedBy(), item.couldGoAt());
            closedAt.put(id, at);
            event(id, at, to == ReviewState.REJECTED ? ReviewEvent.Kind.REJECTED : ReviewEvent.Kind.EXPIRED, Optional.empty(), by, note);
            return true;
        }
    }

    @Override
    public void assess(long id, Optional<SkipReason> blockedBy, Optional<Instant> couldGoAt) {
        synchronized (journal) {
            ReviewItem item = items.get(id);
            if (item != null && item.state().pending()) {
                put(item, item.state(), item.text(), item.approvedBy(), blockedBy, couldGoAt);
            }
        }
    }

    @Override
    public boolean markSending(long id, long leaseEpoch, Instant at) {
        synchronized (journal) {
            ReviewItem item = items.get(id);
            if (item == null || item.state() != ReviewState.APPROVED || !journal.sendReviewed(id, item.text(), leaseEpoch)) {
                return false;
            }
            put(item, ReviewState.SENT, item.text(), item.approvedBy(), Optional.empty(), Optional.empty());
            event(id, at, ReviewEvent.Kind.SENT, Optional.of(item.text()), Optional.empty(), Optional.empty());
            return true;
        }
    }

    private void put(ReviewItem i, ReviewState state, String text, Optional<Operator> approvedBy, Optional<SkipReason> blockedBy,
            Optional<Instant> couldGoAt) {
        items.put(i.id(), new ReviewItem(i.id(), i.account(), i.channelTitle(), i.post(), i.branch(), i.commentsUnder(), state,
                i.originalText(), text, i.createdAt(), i.expiresAt(), blockedBy, couldGoAt, approvedBy));
    }

    private void event(long id, Instant at, ReviewEvent.Kind kind, Optional<String> text, Optional<Operator> by, Optional<String> note) {
        events.computeIfAbsent(id, i -> new ArrayList<>()).add(new ReviewEvent(at, kind, text, by, note));
    }
}
