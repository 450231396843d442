package dev.marketolog.telegram.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from one seed, one per purpose (a channel's posts, an account's sends), so that what
 * one account does never shifts the draws of another.
 */
final class Seeds {

    private Seeds() {}

    static SplittableRandom stream(long seed, String purpose) {
        long hash = 0xcbf29ce484222325L; // FNV-1a, stable across runs unlike identity hashes
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(mix(seed) ^ mix(hash));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
