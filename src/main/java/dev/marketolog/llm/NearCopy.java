package dev.marketolog.llm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** For every shingle, the references (as bits) it occurs in. */
    private final Map<Long, Long> index = new HashMap<>();
    private final int references;

    NearCopy(List<String> texts) {
        List<String> used = texts.stream().filter(text -> !text.isBlank()).limit(MAX_REFERENCES).toList();
        for (int i = 0; i < used.size(); i++) {
            long bit = 1L << i;
            for (long shingle : shingles(used.get(i))) {
                index.merge(shingle, bit, (a, b) -> a | b);
            }
        }
        this.references = used.size();
    }

    boolean matches(String comment) {
        if (references == 0) {
            return false;
        }
        Set<Long> own = shingles(comment);
        if (own.isEmpty()) {
            return false;
        }
        int[] shared = new int[references];
        for (long shingle : own) {
            long bits = index.getOrDefault(shingle, 0L);
            while (bits != 0) {
                shared[Long.numberOfTrailingZeros(bits)]++;
                bits &= bits - 1;
            }
        }
        for (int count : shared) {
            if (count >= THRESHOLD * own.size()) {
                return true;
            }
        }
        return false;
    }

    private static Set<Long> shingles(String text) {
        String normal = normalise(text);
        Set<Long> shingles = new HashSet<>();
        if (normal.isEmpty()) {
            return shingles;
        }
        if (normal.length() < SHINGLE) {
            shingles.add(hash(normal, 0, normal.length()));
            return shingles;
        }
        for (int i = 0; i + SHINGLE <= normal.length(); i++) {
            shingles.add(hash(normal, i, i + SHINGLE));
        }
        return shingles;
    }

    private static long hash(String text, int from, int to) {
        long hash = 0;
        for (int i = from; i < to; i++) {
            hash = hash * 65_599 + text.charAt(i);
        }
        return hash;
    }

    static String normalise(String text) {
        StringBuilder normal = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (space && !normal.isEmpty()) {
                    normal.append(' ');
                }
                space = false;
                char lower = Character.toLowerCase(c);
                normal.append(lower == 'ё' ? 'е' : lower);
            } else {
                space = true;
            }
        }
        return normal.toString();
    }
}
