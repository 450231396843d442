package dev.marketolog.llm;

import java.util.List;

/**
 * Tells whether a comment is a near-copy of one of a few reference texts (the post, the comments under it, this
 * account's recent comments). Both sides are normalised (lower case, ё as е, only letters and digits, single spaces)
 * and cut into overlapping 5-character shingles; the comment is a near-copy when at least {@value #THRESHOLD} of its
 * shingles occur in one reference. Containment rather than Jaccard, so a sentence lifted from a long post counts.
 */
final class NearCopy {
    static final double THRESHOLD = 0.7;
    private static final int SHINGLE = 5;
    /** One bit per reference in the index; later references are ignored. */
    private static final int MAX_REFERENCES = Long.SIZE;

    /** Open addressing: the distinct shingles of all references, and for each the references (as bits) it occurs in. */
    private final long[] keys;
    private final long[] references;
    private final boolean[] used;
    private final int referenceCount;

    NearCopy(List<String> texts) {
        List<long[]> shingled = texts.stream().filter(text -> !text.isBlank()).limit(MAX_REFERENCES).map(NearCopy::shingles).toList();
        int total = shingled.stream().mapToInt(shingles -> shingles.length).sum();
        int capacity = Integer.highestOneBit(Math.max(16, total * 2)) << 1;
        this.keys = new long[capacity];
        this.references = new long[capacity];
        this.used = new boolean[capacity];
        this.referenceCount = shingled.size();
        for (int i = 0; i < shingled.size(); i++) {
            for (long shingle : shingled.get(i)) {
                int slot = slot(shingle);
                keys[slot] = shingle;
                used[slot] = true;
                references[slot] |= 1L << i;
            }
        }
    }

    boolean matches(String comment) {
        if (referenceCount == 0) {
            return false;
        }
        long[] own = shingles(comment);
        if (own.length == 0) {
            return false;
        }
        int[] shared = new int[referenceCount];
        for (long shingle : own) {
            int slot = slot(shingle);
            long bits = used[slot] ? references[slot] : 0;
            while (bits != 0) {
                shared[Long.numberOfTrailingZeros(bits)]++;
                bits &= bits - 1;
            }
        }
        for (int count : shared) {
            if (count >= THRESHOLD * own.length) {
                return true;
            }
        }
        return false;
    }

    /** The slot holding {@code shingle}, or the empty slot where it would go. */
    private int slot(long shingle) {
        int mask = keys.length - 1;
        int slot = (int) (shingle ^ (shingle >>> 29)) & mask;
        while (used[slot] && keys[slot] != shingle) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The shingle hashes of a text, one per position (a text shorter than a shingle is one). */
    private static long[] shingles(String text) {
        String normal = normalise(text);
        if (normal.isEmpty()) {
            return new long[0];
        }
        long[] hashes = new long[Math.max(1, normal.length() - SHINGLE + 1)];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = hash(normal, i, Math.min(normal.length(), i + SHINGLE));
        }
        return hashes;
    }

    private static long hash(String text, int from, int to) {
        long hash = 0;
        for (int i = from; i < to; i++) {
            hash = hash * 65_599 + text.charAt(i);
        }
        return hash * 0x9E3779B97F4A7C15L;
    }

    static String normalise(String text) {
        StringBuilder normal = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char letter = letterOrDigit(c);
            if (letter == 0) {
                space = true;
                continue;
            }
            if (space && !normal.isEmpty()) {
                normal.append(' ');
            }
            space = false;
            normal.append(letter);
        }
        return normal.toString();
    }

    /** The lower-case letter or digit {@code c} stands for (ё as е), or 0 for anything else; Russian and ASCII without table lookups. */
    private static char letterOrDigit(char c) {
        if ((c >= 'а' && c <= 'я') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            return c;
        }
        if (c >= 'А' && c <= 'Я') {
            return (char) (c + ('а' - 'А'));
        }
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        if (c == 'ё' || c == 'Ё') {
            return 'е';
        }
        if (c < 0x80 || !Character.isLetterOrDigit(c)) {
            return 0;
        }
        return Character.toLowerCase(c);
    }
}
