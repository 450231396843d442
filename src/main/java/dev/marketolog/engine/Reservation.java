package dev.marketolog.engine;

/** The answer of {@link Journal#reserve}: a slot, or why there is none. */
public sealed interface Reservation {

    /** A {@code reserved} row was written; {@code id} names it in the later calls. */
    record Reserved(long id) implements Reservation {}

    /** This account already has a live row for the post. */
    record AlreadyCommented() implements Reservation {}

    /** Another account of ours holds the post or commented the channel too recently ({@link FleetRules}). */
    record FleetBusy(String rule) implements Reservation {}
}
