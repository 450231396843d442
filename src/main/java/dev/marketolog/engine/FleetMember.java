package dev.marketolog.engine;

/** An account the fleet holds: one that runs, or one that waits for a login. */
sealed interface FleetMember permits AccountRunner, AccountNeedingLogin {
    String account();

    void start();

    void stop();

    AccountStatus status();

    /** What this process knows of the account without asking the database. */
    AccountLive live();

    /**
     * Hands the member an operator's command; it runs as one of the account's tasks. {@code applied} is called once
     * the command took effect in the process that holds the account's lease.
     */
    void control(OperatorCommand command, Runnable applied);
}
