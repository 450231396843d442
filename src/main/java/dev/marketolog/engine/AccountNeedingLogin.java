package dev.marketolog.engine;

import java.util.Map;
import java.util.Optional;

/**
 * An account without a session: it never runs, and shows as needing a login (or idle, when disabled). It holds no
 * lease, so operators' commands wait in the store for a process that runs the account.
 */
record AccountNeedingLogin(AccountPolicy settings, EngineClock clock, EngineStores stores) implements FleetMember {

    @Override
    public String account() {
        return settings.name();
    }

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public AccountStatus status() {
        return AccountStatus.read(settings, state(), 0, stores, clock.instant());
    }

    @Override
    public AccountLive live() {
        return AccountLive.of(settings, state(), Optional.empty(), Map.of(), 0, clock.instant());
    }

    private RunState state() {
        return settings.enabled() ? RunState.NEEDS_LOGIN : RunState.IDLE;
    }

    @Override
    public void control(OperatorCommand command, Runnable applied) {}
}
