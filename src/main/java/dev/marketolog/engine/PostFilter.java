package dev.marketolog.engine;

import dev.marketolog.telegram.Post;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Posts never worth a comment: without text, or matching SKIP_KEYWORDS (case-insensitive). */
final class PostFilter {

    private final List<String> keywords;

    PostFilter(List<String> skipKeywords) {
        this.keywords = skipKeywords.stream()
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .map(k -> k.toLowerCase(Locale.ROOT))
                .toList();
    }

    Optional<SkipReason> reject(Post post) {
        if (post.text().isBlank()) {
            return Optional.of(SkipReason.NO_TEXT);
        }
        if (keywords.isEmpty()) {
            return Optional.empty(); // no lower-casing of every post's text on every look when there is nothing to find
        }
        String text = post.text().toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(text::contains) ? Optional.of(SkipReason.SKIP_KEYWORD) : Optional.empty();
    }
}
