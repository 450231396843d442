package dev.marketolog.engine;

/** An account without a session: it never runs, and shows as needing a login (or idle, when disabled). */
record AccountNeedingLogin(AccountPolicy settings, EngineClock clock, EngineStores stores) implements FleetMember {

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public AccountStatus status() {
        return AccountStatus.read(settings, settings.enabled() ? RunState.NEEDS_LOGIN : RunState.IDLE, 0, stores, clock.instant());
    }
}
