package dev.marketolog.llm;

import java.util.Arrays;

/**
 * Removes a reasoning model's thoughts from its answer, in time linear in the answer's length whatever it holds: a
 * forward scan in place of a backtracking pattern, which took seconds on a few hundred kilobytes of {@code <think>}.
 *
 * <p>The rules, in order: each {@code <think>…</think>} (also {@code thinking} and {@code reasoning}, any case; the
 * block ends at the first closing tag of its own name) becomes one space; then everything up to and including the
 * first closing tag left (an orphan: the opening was lost) is dropped; then everything from the first opening tag left
 * (unclosed: the answer was cut) is dropped.
 */
final class ThinkBlocks {
    private static final String[] NAMES = {"think", "thinking", "reasoning"};
    private static final int NONE = -1;

    private ThinkBlocks() {}

    /** The text without think blocks; not tidied (the caller cleans the seams). */
    static String remove(String text) {
        if (text.indexOf('<') < 0) {
            return text;
        }
        String withoutClosed = removeClosed(text);
        String withoutOrphan = dropThroughFirstClosing(withoutClosed);
        return dropFromFirstOpening(withoutOrphan);
    }

    private static String removeClosed(String text) {
        ClosingTags closings = new ClosingTags(text);
        StringBuilder out = null;
        int copied = 0;
        int at = text.indexOf('<');
        while (at >= 0) {
            int name = tagAt(text, at, false);
            int close = name == NONE ? NONE : closings.firstAtOrAfter(name, at + NAMES[name].length() + 2);
            if (close == NONE) {
                at = text.indexOf('<', at + 1);
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, at).append(' ');
            copied = close + NAMES[name].length() + 3;
            at = text.indexOf('<', copied);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static String dropThroughFirstClosing(String text) {
        for (int at = text.indexOf("</"); at >= 0; at = text.indexOf("</", at + 1)) {
            int name = tagAt(text, at, true);
            if (name != NONE) {
                return text.substring(at + NAMES[name].length() + 3);
            }
        }
        return text;
    }

    private static String dropFromFirstOpening(String text) {
        for (int at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
            if (tagAt(text, at, false) != NONE) {
                return text.substring(0, at);
            }
        }
        return text;
    }

    /** Which name's tag starts at {@code at} ({@code <name>} or, closing, {@code </name>}), or {@link #NONE}. */
    private static int tagAt(String text, int at, boolean closing) {
        int start = at + (closing ? 2 : 1);
        for (int name = 0; name < NAMES.length; name++) {
            int end = start + NAMES[name].length();
            if (end < text.length() && text.charAt(end) == '>' && nameAt(text, start, NAMES[name])) {
                return name;
            }
        }
        return NONE;
    }

    /** Case as {@code Pattern.CASE_INSENSITIVE | UNICODE_CASE} folds it (so {@code ı} and {@code K} match too). */
    private static boolean nameAt(String text, int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = text.charAt(start + i);
            char expected = name.charAt(i);
            if (c != expected && Character.toLowerCase(Character.toUpperCase(c)) != expected) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the next closing tag of each name is. The scan asks from ever later positions, so each name's search only
     * moves forward and the whole text is read once per name: this is what keeps many unclosed openings linear.
     */
    private static final class ClosingTags {
        private final String text;
        private final int[] found = new int[NAMES.length];
        private final int[] searchedFrom = new int[NAMES.length];

        ClosingTags(String text) {
            this.text = text;
            Arrays.fill(searchedFrom, Integer.MAX_VALUE);
        }

        int firstAtOrAfter(int name, int from) {
            boolean known = searchedFrom[name] <= from && (found[name] == NONE || found[name] >= from);
            if (!known) {
                searchedFrom[name] = from;
                found[name] = search(name, from);
            }
            return found[name];
        }

        private int search(int name, int from) {
            for (int at = text.indexOf("</", from); at >= 0; at = text.indexOf("</", at + 1)) {
                if (tagAt(text, at, true) == name) {
                    return at;
                }
            }
            return NONE;
        }
    }
}
