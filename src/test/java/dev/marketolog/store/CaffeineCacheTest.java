package dev.marketolog.store;

class CaffeineCacheTest extends CacheContractTest {

    @Override
    protected Cache newCache() {
        return new CaffeineCache();
    }

    @Override
    protected String workingState() {
        return "in-process";
    }
}
