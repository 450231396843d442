package dev.marketolog.llm;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a raw LLM answer into the comment to send, or rejects it with snake_case reasons. Pure: no I/O, no clock.
 *
 * <p>The repairs run in a loop until none changes anything, so the accepted text is a fixed point: polishing it
 * again gives the same text and no fixes. In strict mode every repair other than trimming the ends becomes a
 * rejection with the same code. One instance serves one post: it holds the texts a comment must not copy.
 */
public final class CommentPolish {
    private static final int UNICODE = Pattern.UNICODE_CHARACTER_CLASS;
    private static final int ANY_CASE = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern THINK_CLOSED = Pattern.compile("<(think|thinking|reasoning)>.*?</\\1>", ANY_CASE | Pattern.DOTALL);
    private static final Pattern THINK_ORPHAN_CLOSE = Pattern.compile("^.*?</(?:think|thinking|reasoning)>", ANY_CASE | Pattern.DOTALL);
    private static final Pattern THINK_UNCLOSED = Pattern.compile("<(?:think|thinking|reasoning)>.*", ANY_CASE | Pattern.DOTALL);
    private static final Pattern ODD_SPACES = Pattern.compile("[\\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]+| {2,}");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u2060\\uFEFF]");
    private static final Pattern MARKDOWN = Pattern.compile("\\*\\*|__|~~|`+|(?m)^#{1,6}\\s+");
    private static final Pattern MARKDOWN_EMPHASIS = Pattern.compile("(?<![*\\p{L}\\p{N}])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![*\\p{L}\\p{N}])");
    private static final Pattern PREAMBLE = Pattern.compile(
            "^(?:(?:конечно|хорошо|отлично|разумеется|с удовольствием|окей|ок|ладно|sure|certainly|of course|okay|ok|absolutely|alright)[!.,]?\\s+)?"
                    + "(?:(?:вот|here(?:'s| is| are))\\s+[^:\\n.!?]{0,50}?"
                    + "(?:комментари|коммент|вариант|ответ|текст|comment|reply|response|answer|option|draft)\\p{L}*[^:\\n.!?]{0,40}(?:[:：]|\\n)"
                    + "|(?:(?:мой|твой|ваш|готовый|my)\\s+)?(?:комментари[йи]|коммент|вариант|ответ|текст|comment|reply|response|answer|option|variant|draft)"
                    + "(?:\\s*[№#]?\\s*\\d+)?(?:\\s+(?:к|для|на|под)\\s+\\p{L}+)?\\s*[:：])\\s*",
            ANY_CASE);
    private static final Pattern LEADING_DASH = Pattern.compile("^(?:[-–—−]+\\s+|•\\s*)");
    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");
    /**
     * A link, an e-mail or a dotted word that may be a domain (group {@code domain}, checked by {@link Domains}), with
     * the preposition that pointed at it ("на banki.ru"). A dot before a capitalised Cyrillic word ("конец.Начало",
     * "г.Москва") ends a sentence or an abbreviation: the word after it is no label.
     */
    private static final Pattern LINK = Pattern.compile(
            "(?:\\b(?:на|в|во|по|из|с|со|at|on)\\s+)?(?:(?:https?://|www\\.)\\S+?(?=[.,!?;:)»\"]*(?:\\s|$))"
                    + "|(?<![\\w.@-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+"
                    + "|(?<![\\w.@/-])(?<domain>[\\w-]+(?:\\.(?!(?-i:[\\p{IsCyrillic}&&\\p{Lu}]\\p{Ll}))[\\w-]+)+)(?![\\w-])"
                    + "(?:/\\S*?(?=[.,!?;:)»\"]*(?:\\s|$)))?)",
            ANY_CASE | UNICODE);
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_@])@[A-Za-z0-9_]{3,32}(?![A-Za-z0-9_])");
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_#&])#[\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*");

    private static final Pattern SPACE_RUN = Pattern.compile(" {2,}");
    private static final Pattern SPACE_BEFORE_CLOSING = Pattern.compile(" +([,.!?;:…»)\\]])");
    private static final Pattern SPACE_AFTER_OPENING = Pattern.compile("([«(\\[]) +");
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|«\\s*»|\\[\\s*]|\"\\s*\"");
    private static final Pattern DANGLING_SEPARATOR = Pattern.compile("[,;:]+(?=[.!?…])|^[\\s,.;:!?…—–-]+|[\\s,;:—–-]+$");
    private static final Pattern TRAILING_DOTS = Pattern.compile("[.…]+$");

    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*(?:\\d{1,2}[.)]|[-–—•*]|(?:вариант|option|variant)\\s*[№#]?\\s*\\d+\\s*[:.)]?)\\s+", ANY_CASE);
    private static final Pattern VARIANT_LABEL = Pattern.compile("(?:вариант|option|variant)\\s*[№#]?\\s*\\d", ANY_CASE);
    private static final Pattern INLINE_NUMBERING = Pattern.compile("(?:^|\\s)1[.)]\\s.+\\s2[.)]\\s", Pattern.DOTALL);

    /** The share of other-script letters (CJK, Arabic…) up to which they are removed rather than rejected. */
    private static final double FOREIGN_REMOVABLE_SHARE = 1.0 / 3;

    private record Step(PolishCode code, UnaryOperator<String> repair) {}

    private final PolishRules rules;
    private final NearCopy nearCopy;
    private final List<Step> steps;

    /**
     * @param rules the limits
     * @param references the post and the comments this one must not copy (the latest under the post, the account's own recent ones)
     */
    public CommentPolish(PolishRules rules, List<String> references) {
        this.rules = rules;
        this.nearCopy = new NearCopy(references);
        this.steps = List.of(
                new Step(PolishCode.THINK_BLOCK, CommentPolish::removeThinking),
                new Step(PolishCode.SPACES, CommentPolish::normaliseSpaces),
                new Step(PolishCode.MARKDOWN, CommentPolish::removeMarkdown),
                new Step(PolishCode.PREAMBLE, CommentPolish::removePreamble),
                new Step(PolishCode.QUOTES, CommentPolish::unwrapQuotes),
                new Step(PolishCode.LEADING_DASH, text -> LEADING_DASH.matcher(text).replaceFirst("")),
                new Step(PolishCode.LINE_BREAKS, CommentPolish::foldLines),
                new Step(PolishCode.LINK, text -> mayHaveLink(text) ? remove(LINK, CommentPolish::isLink, text) : text),
                new Step(PolishCode.MENTION, text -> text.indexOf('@') < 0 ? text : remove(MENTION, text)),
                new Step(PolishCode.HASHTAG, text -> text.indexOf('#') < 0 ? text : remove(HASHTAG, text)),
                new Step(PolishCode.FOREIGN_SCRIPT, CommentPolish::removeForeignScript),
                new Step(PolishCode.TOO_MANY_EMOJIS, text -> tidyIfChanged(text, Emojis.keepFirst(text, rules.maxEmojis()))),
                new Step(PolishCode.TOO_LONG, text -> cut(text, rules.minLen(), rules.maxLen())));
    }

    /** Polishes one raw answer. */
    public PolishResult polish(String raw) {
        String answer = raw == null ? "" : raw.strip();
        String asAnswered = removeThinking(answer).strip();
        if (isSkip(asAnswered)) {
            return new PolishResult.Rejected(List.of(PolishCode.SKIP), List.of());
        }
        Set<PolishCode> reasons = EnumSet.noneOf(PolishCode.class);
        contentProblems(asAnswered, reasons);
        Set<PolishCode> fixes = EnumSet.noneOf(PolishCode.class);
        // The think block is already gone from asAnswered: repairing from there saves a second pass for reasoning models.
        if (!asAnswered.equals(answer)) {
            fixes.add(PolishCode.THINK_BLOCK);
        }
        String text = repair(asAnswered, fixes);

        if (text.isEmpty()) {
            reasons.add(PolishCode.EMPTY);
            return reject(reasons, fixes);
        }
        if (isSkip(text)) {
            return new PolishResult.Rejected(List.of(PolishCode.SKIP), List.of());
        }
        if (!text.equals(asAnswered)) {
            contentProblems(text, reasons);
        }
        languageProblems(text, reasons);
        if (text.codePointCount(0, text.length()) < rules.minLen()) {
            reasons.add(PolishCode.TOO_SHORT);
        }
        if (nearCopy.matches(text)) {
            reasons.add(PolishCode.NEAR_COPY);
        }
        boolean acceptable = reasons.isEmpty() && (fixes.isEmpty() || !rules.strict());
        return acceptable ? new PolishResult.Accepted(text, List.copyOf(fixes)) : reject(reasons, fixes);
    }

    /** Applies every repair until none changes anything: the result is a fixed point of all of them. */
    private String repair(String answer, Set<PolishCode> fixes) {
        String text = answer;
        String before;
        do {
            before = text;
            for (Step step : steps) {
                String repaired = step.repair().apply(text).strip();
                if (!repaired.equals(text)) {
                    fixes.add(step.code());
                    text = repaired;
                }
            }
        } while (!text.equals(before));
        return text;
    }

    /** Soft mode reports what it repaired as fixes; strict mode reports the same codes as reasons. */
    private PolishResult.Rejected reject(Set<PolishCode> reasons, Set<PolishCode> fixes) {
        if (rules.strict()) {
            reasons.addAll(fixes);
            return new PolishResult.Rejected(List.copyOf(reasons), List.of());
        }
        return new PolishResult.Rejected(List.copyOf(reasons), List.copyOf(fixes));
    }

    /** What no repair can save; checked on the answer as it came and again on the cleaned text. */
    private static void contentProblems(String text, Set<PolishCode> reasons) {
        String lower = text.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('’', '\'');
        if (PolishPhrases.anyIn(PolishPhrases.AI_DISCLAIMER, lower)) {
            reasons.add(PolishCode.AI_DISCLAIMER);
        }
        if (PolishPhrases.anyIn(PolishPhrases.REFUSAL, lower)) {
            reasons.add(PolishCode.REFUSAL);
        }
        if (PolishPhrases.anyIn(PolishPhrases.SOLICITATION, lower)) {
            reasons.add(PolishCode.SOLICITATION);
        }
        if (isVariants(text, lower)) {
            reasons.add(PolishCode.VARIANTS);
        }
    }

    private static boolean isVariants(String text, String lower) {
        return (text.indexOf('\n') >= 0 && count(LIST_ITEM, text) >= 2)
                || ((lower.contains("вариант") || lower.contains("option") || lower.contains("variant")) && count(VARIANT_LABEL, text) >= 2)
                || ((text.contains("1.") || text.contains("1)")) && (text.contains("2.") || text.contains("2)")) && INLINE_NUMBERING.matcher(text).find());
    }

    private static void languageProblems(String text, Set<PolishCode> reasons) {
        Scripts scripts = Scripts.of(text);
        if (scripts.cyrillic() == 0 || scripts.latin() > scripts.cyrillic() || scripts.other() > 0 || scripts.ukrainianOrBelarusian() > 0) {
            reasons.add(PolishCode.NOT_RUSSIAN);
        }
    }

    /** The model's explicit "no comment": {@code SKIP}, whatever the case and the punctuation around it. */
    private static boolean isSkip(String text) {
        int start = 0;
        while (start < text.length() && !Character.isLetter(text.charAt(start))) {
            start++;
        }
        int end = start + 4;
        return text.regionMatches(true, start, "skip", 0, 4) && (end >= text.length() || !Character.isLetter(text.charAt(end)));
    }

    private static String removeThinking(String text) {
        if (text.indexOf('<') < 0) {
            return text;
        }
        String without = THINK_CLOSED.matcher(text).replaceAll(" ");
        without = THINK_ORPHAN_CLOSE.matcher(without).replaceFirst("");
        without = THINK_UNCLOSED.matcher(without).replaceFirst("");
        return tidyIfChanged(text, without);
    }

    private static String removePreamble(String text) {
        if (text.indexOf(':') < 0 && text.indexOf('：') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        Matcher preamble = PREAMBLE.matcher(text);
        return preamble.lookingAt() ? text.substring(preamble.end()) : text;
    }

    /** A cheap test that lets most texts skip the link pattern: a scheme, an "@", or a dot before a letter. */
    private static boolean mayHaveLink(String text) {
        if (text.contains("://") || text.indexOf('@') >= 0) {
            return true;
        }
        for (int dot = text.indexOf('.'); dot >= 0 && dot + 1 < text.length(); dot = text.indexOf('.', dot + 1)) {
            if (Character.isLetter(text.charAt(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    private static String normaliseSpaces(String text) {
        if (!hasOddSpace(text)) {
            return text;
        }
        String visible = INVISIBLE.matcher(text).replaceAll("");
        return ODD_SPACES.matcher(visible).replaceAll(" ");
    }

    private static boolean hasOddSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean doubleSpace = c == ' ' && i + 1 < text.length() && text.charAt(i + 1) == ' ';
            if (doubleSpace || c == '\t' || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200B') || c == '\u202F' || c == '\u205F'
                    || c == '\u2060' || c == '\u3000' || c == '\uFEFF') {
                return true;
            }
        }
        return false;
    }

    private static String removeMarkdown(String text) {
        if (text.indexOf('*') < 0 && text.indexOf('_') < 0 && text.indexOf('~') < 0 && text.indexOf('`') < 0 && text.indexOf('#') < 0) {
            return text;
        }
        String plain = MARKDOWN.matcher(text).replaceAll("");
        if (plain.indexOf('*') >= 0) {
            plain = MARKDOWN_EMPHASIS.matcher(plain).replaceAll("$1");
        }
        return tidyIfChanged(text, plain);
    }

    /**
     * Strips one pair of quotes that wraps the whole text («…», "…", “…”, „…“, '…', ‘…’). Models often put an emoji
     * after the closing quote («Хорошая мысль» 👍): such a tail stays, the quotes still go.
     */
    private static String unwrapQuotes(String text) {
        int tailStart = Emojis.trailingRunStart(text);
        String quoted = text.substring(0, tailStart).strip();
        if (quoted.length() < 2) {
            return text;
        }
        char open = quoted.charAt(0);
        char close = quoted.charAt(quoted.length() - 1);
        String inner = quoted.substring(1, quoted.length() - 1);
        boolean wraps = switch (open) {
            case '«' -> close == '»' && balanced(inner, '«', '»');
            case '“' -> (close == '”' && balanced(inner, '“', '”')) || (close == '“' && inner.indexOf('“') < 0);
            case '„' -> (close == '“' || close == '”') && inner.indexOf('„') < 0 && inner.indexOf(close) < 0;
            case '‘' -> close == '’' && balanced(inner, '‘', '’');
            case '"', '\'', '”' -> close == open && inner.indexOf(open) < 0;
            default -> false;
        };
        return wraps ? inner + text.substring(tailStart) : text;
    }

    private static boolean balanced(String inner, char open, char close) {
        int depth = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** One paragraph: a line that ends without punctuation before a capital gets a full stop. */
    private static String foldLines(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0 && text.indexOf('\u000B') < 0 && text.indexOf('\f') < 0 && text.indexOf('\u0085') < 0) {
            return text;
        }
        StringBuilder folded = new StringBuilder(text.length());
        for (String line : LINE_BREAK.split(text)) {
            if (line.isEmpty()) {
                continue;
            }
            if (!folded.isEmpty()) {
                boolean sentenceOpen = Character.isLetterOrDigit(folded.charAt(folded.length() - 1));
                folded.append(sentenceOpen && Character.isUpperCase(line.codePointAt(0)) ? ". " : " ");
            }
            folded.append(line);
        }
        return folded.toString();
    }

    private static String removeForeignScript(String text) {
        Scripts scripts = Scripts.of(text);
        if (scripts.other() == 0 || scripts.cyrillic() == 0 || scripts.other() > FOREIGN_REMOVABLE_SHARE * scripts.letters()) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !Scripts.isOther(cp) && !isCjkPunctuation(cp)).forEach(kept::appendCodePoint);
        return tidyIfChanged(text, kept.toString());
    }

    private static boolean isCjkPunctuation(int cp) {
        return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    /**
     * Cuts a text over {@code maxLen} code points at the last sentence end within the limit, or else at the last
     * word boundary with an ellipsis. A sentence cut shorter than {@code minLen} is passed over for the word cut.
     */
    static String cut(String text, int minLen, int maxLen) {
        if (text.codePointCount(0, text.length()) <= maxLen) {
            return text;
        }
        int limit = text.offsetByCodePoints(0, maxLen);
        for (int i = limit - 1; i > 0; i--) {
            if (".!?…".indexOf(text.charAt(i)) >= 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                String sentence = text.substring(0, i + 1);
                if (sentence.codePointCount(0, sentence.length()) >= minLen) {
                    return sentence;
                }
                break;
            }
        }
        int wordLimit = text.offsetByCodePoints(0, maxLen - 1);
        int space = wordLimit;
        while (space > 0 && !Character.isWhitespace(text.charAt(space))) {
            space--;
        }
        String head = DANGLING_SEPARATOR.matcher(text.substring(0, space > 0 ? space : wordLimit)).replaceAll("");
        head = TRAILING_DOTS.matcher(head).replaceAll("");
        return (head.isEmpty() ? text.substring(0, wordLimit) : head) + "…";
    }

    /** A URL or an e-mail always; a dotted word when it is a domain. */
    private static boolean isLink(MatchResult match) {
        String domain = match.group("domain");
        return domain == null || Domains.isDomain(domain);
    }

    /** Removes every match; when the text began with one, the new first letter is capitalised. */
    private static String remove(Pattern pattern, String text) {
        return remove(pattern, match -> true, text);
    }

    /** Removes every match that is {@code wanted}; when the text began with one, the new first letter is capitalised. */
    private static String remove(Pattern pattern, Predicate<MatchResult> wanted, String text) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder kept = new StringBuilder(text.length());
        boolean atStart = false;
        boolean any = false;
        while (matcher.find()) {
            if (wanted.test(matcher)) {
                atStart |= !any && matcher.start() == 0;
                any = true;
                matcher.appendReplacement(kept, " ");
            }
        }
        if (!any) {
            return text;
        }
        matcher.appendTail(kept);
        String removed = tidy(kept.toString());
        if (!atStart || removed.isEmpty()) {
            return removed;
        }
        int first = removed.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first)).append(removed, Character.charCount(first), removed.length()).toString();
    }

    private static String tidyIfChanged(String before, String after) {
        return after.equals(before) ? before : tidy(after);
    }

    /** Cleans the seams a removal leaves: doubled spaces, space before punctuation, empty brackets, dangling commas. */
    private static String tidy(String text) {
        String tidy = SPACE_RUN.matcher(text).replaceAll(" ");
        tidy = EMPTY_BRACKETS.matcher(tidy).replaceAll("");
        tidy = SPACE_BEFORE_CLOSING.matcher(tidy).replaceAll("$1");
        tidy = SPACE_AFTER_OPENING.matcher(tidy).replaceAll("$1");
        tidy = DANGLING_SEPARATOR.matcher(tidy.strip()).replaceAll("");
        return SPACE_RUN.matcher(tidy).replaceAll(" ").strip();
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Letter counts by script; Ukrainian and Belarusian letters are Cyrillic but counted apart as well. */
    private record Scripts(int cyrillic, int latin, int other, int ukrainianOrBelarusian) {
        static Scripts of(String text) {
            int cyrillic = 0;
            int latin = 0;
            int other = 0;
            int ukrainianOrBelarusian = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if ((cp >= 'А' && cp <= 'я') || cp == 'ё' || cp == 'Ё') {
                    cyrillic++;
                    continue;
                }
                if (!Character.isLetter(cp)) {
                    continue;
                }
                if (cp < 0x250) {
                    latin++;
                } else if (cp >= 0x400 && cp <= 0x4FF) {
                    cyrillic++;
                    if ("іїєґўІЇЄҐЎ".indexOf(cp) >= 0) {
                        ukrainianOrBelarusian++;
                    }
                } else if (isOther(cp)) {
                    other++;
                }
            }
            return new Scripts(cyrillic, latin, other, ukrainianOrBelarusian);
        }

        int letters() {
            return cyrillic + latin + other;
        }

        static boolean isOther(int cp) {
            if (!Character.isLetter(cp)) {
                return false;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script != Character.UnicodeScript.CYRILLIC && script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.COMMON
                    && script != Character.UnicodeScript.INHERITED;
        }
    }
}
