package dev.marketolog.store;

import dev.marketolog.cache.Cache;

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
