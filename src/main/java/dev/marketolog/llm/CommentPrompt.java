package dev.marketolog.llm;

import dev.marketolog.config.LlmSettings;
import dev.marketolog.engine.CommentRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the chat messages for one comment: the system prompt with the account's rules and the user message with the post. */
public final class CommentPrompt {
    /** Long posts are cut to this many code points: enough context, a bounded prompt. */
    static final int POST_MAX_LEN = 1500;
    static final int COMMENT_MAX_LEN = 300;
    static final int COMMENTS_UNDER = 10;
    static final int OWN_RECENT = 5;
    private static final String DEFAULT_PERSONA = "обычный читатель канала, которому интересна его тема";
    private static final String NONE = "(нет)";

    private final PromptTemplates templates;
    private final LlmSettings settings;
    private final Map<String, String> accountValues;
    private final String system;

    public CommentPrompt(PromptTemplates templates, LlmSettings settings, Optional<String> persona) {
        this.templates = templates;
        this.settings = settings;
        this.accountValues = Map.of(
                "persona", persona.map(String::strip).filter(p -> !p.isEmpty()).orElse(DEFAULT_PERSONA),
                "min_len", Integer.toString(settings.minLen()),
                "max_len", Integer.toString(settings.maxLen()),
                "max_emojis", Integer.toString(settings.maxEmojis()));
        this.system = templates.system().render(accountValues);
    }

    /** The system prompt, rendered once for the account. */
    public String system() {
        return system;
    }

    /** The messages of the first attempt. */
    public List<ChatMessage> messages(CommentRequest request) {
        return messages(request, List.of());
    }

    /** The messages of a further attempt: the user message ends with why the previous draft was rejected. */
    public List<ChatMessage> messages(CommentRequest request, Collection<PolishCode> rejectedFor) {
        Map<String, String> values = new HashMap<>(accountValues);
        values.put("channel_title", request.channelTitle().strip());
        values.put("post_text", shorten(request.post().text(), POST_MAX_LEN));
        values.put("comments_under", list(last(request.commentsUnder(), COMMENTS_UNDER)));
        values.put("own_recent", list(last(request.ownRecent(), OWN_RECENT)));
        String user = templates.user().render(values);
        if (!rejectedFor.isEmpty()) {
            user = user + "\n\n" + feedback(rejectedFor);
        }
        return List.of(ChatMessage.system(system), ChatMessage.user(user));
    }

    /** Why the previous draft was rejected, in the model's language, one sentence per distinct problem. */
    String feedback(Collection<PolishCode> reasons) {
        Set<String> sentences = new LinkedHashSet<>();
        for (PolishCode reason : reasons) {
            sentences.add(switch (reason) {
                case EMPTY -> "Ответ был пустым: напиши сам комментарий.";
                case TOO_SHORT -> "Он слишком короткий: нужно не меньше " + settings.minLen() + " символов.";
                case TOO_LONG -> "Он слишком длинный: не больше " + settings.maxLen() + " символов.";
                case NOT_RUSSIAN, FOREIGN_SCRIPT -> "Пиши только по-русски, без слов на других языках.";
                case AI_DISCLAIMER -> "Не упоминай, что ты ИИ, модель или бот.";
                case REFUSAL -> "Не отказывайся: напиши комментарий или ответь ровно SKIP.";
                case SKIP -> "Если пост не стоит комментировать, ответь ровно SKIP.";
                case VARIANTS -> "Нужен один комментарий, а не несколько вариантов.";
                case SOLICITATION -> "Никакой рекламы, приглашений в личку, заработка и промокодов.";
                case NEAR_COPY -> "Он повторяет пост или другой комментарий: скажи своими словами.";
                case TOO_MANY_EMOJIS -> "Эмодзи не больше " + settings.maxEmojis() + ".";
                case LINK, MENTION, HASHTAG -> "Без ссылок, упоминаний и хэштегов.";
                case THINK_BLOCK, MARKDOWN, PREAMBLE, QUOTES, LEADING_DASH, LINE_BREAKS, SPACES ->
                        "Только текст комментария одной строкой: без кавычек, оформления и пояснений.";
            });
        }
        return "Предыдущий вариант не подошёл. " + String.join(" ", sentences) + " Напиши новый комментарий.";
    }

    private static List<String> last(List<String> items, int count) {
        return items.subList(Math.max(0, items.size() - count), items.size());
    }

    private static String list(List<String> items) {
        List<String> lines = items.stream().map(item -> shorten(item, COMMENT_MAX_LEN).replaceAll("\\s*\\R\\s*", " ")).filter(item -> !item.isEmpty()).map(item -> "- " + item).toList();
        return lines.isEmpty() ? NONE : String.join("\n", lines);
    }

    private static String shorten(String text, int maxLen) {
        String stripped = text.strip();
        return stripped.isEmpty() ? NONE : CommentPolish.cut(stripped, 0, maxLen);
    }
}
