package dev.marketolog.cli.text;

/** "1 account", "2 accounts": counts in the words an operator reads. */
public final class Counts {
    private Counts() {}

    /** {@code count} and {@code noun}, with an s unless the count is one. */
    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
