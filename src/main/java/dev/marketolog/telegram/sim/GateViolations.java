package dev.marketolog.telegram.sim;

/**
 * Sends the simulated Telegram saw that the engine's gate should never have let through. All zero in a correct run.
 *
 * @param outsideAllowlist sends to a channel not on the account's allowlist
 * @param secondComment a second accepted comment from one account under one post
 * @param duringFloodWait sends while the account was still told to wait
 * @param toClosedChannel sends to a channel the account had already been told is closed to it
 */
public record GateViolations(int outsideAllowlist, int secondComment, int duringFloodWait, int toClosedChannel) {

    public static final GateViolations NONE = new GateViolations(0, 0, 0, 0);

    public int total() {
        return outsideAllowlist + secondComment + duringFloodWait + toClosedChannel;
    }
}
