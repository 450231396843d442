package dev.marketolog.engine;

/** An account the fleet holds: one that runs, or one that waits for a login. */
sealed interface FleetMember permits AccountRunner, AccountNeedingLogin {
    void start();

    void stop();

    AccountStatus status();

    /** What this process knows of the account without asking the database. */
    AccountLive live();
}
