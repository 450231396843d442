package dev.marketolog.engine;

import java.util.Map;
import java.util.Optional;

/** An account without a session: it never runs, and shows as needing a login (or idle, when disabled). */
record AccountNeedingLogin(AccountPolicy settings, EngineClock clock, EngineStores stores) implements FleetMember {

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
}
