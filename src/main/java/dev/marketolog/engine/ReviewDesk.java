package dev.marketolog.engine;

import java.util.List;
import java.util.Optional;

/**
 * The review queue as the console (API and panel) sees it. The engine owns the policy: a step only records the
 * operator's decision; the account's runner sends an approved draft when the whole gate allows it, one at a time, and
 * expires what waits too long.
 */
public interface ReviewDesk {

    /** Every waiting or approved draft, oldest first, with why it cannot go yet and when it could. */
    List<ReviewItem> pending();

    Optional<ReviewItem> item(long id);

    /** The draft's texts and who did what, oldest first. */
    List<ReviewEvent> history(long id);

    /** Send as it is, when the gate allows. */
    ReviewAnswer approve(long id, Operator by);

    /** Send {@code text} instead, once it passes the draft rules ({@link ReviewAnswer.Refused}, {@link ReviewAnswer.ConfirmCleaned}). */
    ReviewAnswer edit(long id, String text, Operator by);

    /** A new draft from the writer, not a near copy of the earlier ones; the draft waits for a decision again. */
    ReviewAnswer regenerate(long id, Operator by);

    /** Withdraw it: its slot is released and the account does not try the post again. */
    ReviewAnswer reject(long id, Operator by);
}
