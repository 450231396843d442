package dev.marketolog.llm;

import java.text.BreakIterator;

/**
 * Emoji counting by grapheme cluster, so a ZWJ family, a flag, a keycap or a thumb with a skin tone is one emoji.
 * A cluster is an emoji when it holds an Extended_Pictographic code point, a regional indicator or a keycap mark.
 */
final class Emojis {
    private static final int KEYCAP = 0x20E3;

    private Emojis() {}

    static int count(String text) {
        if (!mayContain(text)) {
            return 0;
        }
        int count = 0;
        BreakIterator clusters = clusters(text);
        for (int start = clusters.first(), end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
            if (isEmoji(text, start, end)) {
                count++;
            }
        }
        return count;
    }

    /** The text without the emojis after the first {@code keep}. */
    static String keepFirst(String text, int keep) {
        if (!mayContain(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        int seen = 0;
        BreakIterator clusters = clusters(text);
        for (int start = clusters.first(), end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
            if (!isEmoji(text, start, end) || ++seen <= keep) {
                kept.append(text, start, end);
            }
        }
        return kept.toString();
    }

    /** Where the run of emojis and spaces that ends the text begins; {@code text.length()} when it ends otherwise. */
    static int trailingRunStart(String text) {
        if (!mayContain(text)) {
            return text.length();
        }
        BreakIterator clusters = clusters(text);
        int runStart = text.length();
        for (int end = clusters.last(), start = clusters.previous(); start != BreakIterator.DONE; end = start, start = clusters.previous()) {
            if (!isEmoji(text, start, end) && !text.substring(start, end).isBlank()) {
                break;
            }
            runStart = start;
        }
        return runStart;
    }

    /** A cheap scan that lets the common emoji-free text skip the grapheme iterator. */
    private static boolean mayContain(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isEmojiCodePoint(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static boolean isEmoji(String text, int start, int end) {
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            if (isEmojiCodePoint(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Below U+203C (‼) only © and ® are pictographic: a fast exit for letters, Cyrillic included. */
    private static boolean isEmojiCodePoint(int cp) {
        if (cp < 0x203C) {
            return cp == 0xA9 || cp == 0xAE;
        }
        return (Character.isExtendedPictographic(cp) || (cp >= 0x1F1E6 && cp <= 0x1F1FF) || cp == KEYCAP);
    }

    private static BreakIterator clusters(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        return clusters;
    }
}
