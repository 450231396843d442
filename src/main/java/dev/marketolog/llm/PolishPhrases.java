package dev.marketolog.llm;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The phrases that reject a draft whatever else it says, matched on lower-cased text with ё as е. Each phrase is a
 * regular expression behind cheap gates: it runs only when the text contains one of its gate strings (every match
 * contains one), which keeps polish fast on the common text that has none.
 */
final class PolishPhrases {
    private PolishPhrases() {}

    /** A phrase: a pattern and the substrings at least one of which every match contains. */
    record Phrase(List<String> gates, Pattern pattern) {
        static Phrase of(List<String> gates, String... alternatives) {
            return new Phrase(List.copyOf(gates), Pattern.compile(String.join("|", alternatives), Pattern.UNICODE_CHARACTER_CLASS));
        }

        boolean foundIn(String lower) {
            for (String gate : gates) {
                if (lower.contains(gate)) {
                    return pattern.matcher(lower).find();
                }
            }
            return false;
        }
    }

    static boolean anyIn(List<Phrase> phrases, String lower) {
        for (Phrase phrase : phrases) {
            if (phrase.foundIn(lower)) {
                return true;
            }
        }
        return false;
    }

    /** "I am" in the forms that introduce a disclaimer: "я — ", "я всего лишь ". */
    private static final String I_AM = "\\bя\\s*(?:[—–-]\\s*)?(?:всего лишь\\s+|просто\\s+|лишь\\s+)?";
    /** "As … , I": "как ИИ, я", "будучи нейросетью". */
    private static final String AS = "\\b(?:как|будучи)\\s+";
    private static final String AS_END = "\\s*(?:,|\\s+я\\b)";
    private static final String MADE_BY = "\\b(?:сгенерирован|написан|создан)\\w*\\s+";

    /** "Как языковая модель, я…", "I'm an AI": the model speaking about itself. */
    static final List<Phrase> AI_DISCLAIMER = List.of(
            Phrase.of(List.of("модел"), AS + "языков\\w*\\s+модел\\w*" + AS_END, I_AM + "языков\\w*\\s+модел", MADE_BY + "языков\\w*\\s+модел"),
            Phrase.of(List.of("интеллект"), AS + "искусственн\\w*\\s+интеллект\\w*" + AS_END, I_AM + "искусственн\\w*\\s+интеллект",
                    MADE_BY + "искусственн\\w*\\s+интеллект"),
            Phrase.of(List.of(" ии"), AS + "ии" + AS_END, I_AM + "ии\\b", MADE_BY + "ии\\b"),
            Phrase.of(List.of("нейросет"), AS + "нейросет\\w*" + AS_END, I_AM + "нейросеть\\b", MADE_BY + "нейросетью"),
            Phrase.of(List.of("бот"), AS + "чат-?бот\\w*" + AS_END, I_AM + "(?:чат-?)?бот\\b"),
            Phrase.of(List.of("ассистент"), AS + "ассистент\\w*" + AS_END),
            Phrase.of(List.of("помощник"), I_AM + "виртуальн\\w* помощник"),
            Phrase.of(List.of("у меня нет", "не имею"),
                    "\\bу меня нет (?:(?:личного|собственного|своего) мнения|(?:личных|собственных) (?:мнений|чувств|эмоций|предпочтений))",
                    "\\bне имею (?:личного|собственного) мнения"),
            Phrase.of(List.of("as a"), "\\bas an? (?:ai|artificial intelligence|language model|large language model|llm|ai language model|ai model|ai assistant)\\b"),
            Phrase.of(List.of("i'm", "i am"), "\\bi(?:'m| am) (?:just |only )?(?:an? )?(?:ai|language model|ai language model|ai assistant)\\b"),
            Phrase.of(List.of("have"), "\\bi don'?t have (?:personal )?(?:opinions|feelings|emotions)"),
            Phrase.of(List.of("як "), "\\bяк (?:мовна модель|штучний інтелект|ші)\\b"),
            Phrase.of(List.of("als "), "\\bals (?:ki|künstliche intelligenz|sprachmodell)\\b"),
            Phrase.of(List.of("como "), "\\bcomo (?:una )?(?:ia|inteligencia artificial|modelo de lenguaje)\\b"),
            Phrase.of(List.of("en tant qu"), "\\ben tant qu(?:e |')(?:ia|intelligence artificielle|modèle de langage)\\b"),
            Phrase.of(List.of("作为"), "作为(?:一个)?(?:人工智能|ai|语言模型)"));

    /** "Я не могу написать…", "I can't", "Lo siento": the model declining the task. */
    static final List<Phrase> REFUSAL = List.of(
            Phrase.of(List.of("я не "),
                    "\\bя не (?:могу|буду|стану|смогу|имею права)\\s+(?:\\w+\\s+){0,2}?(?:помочь|писать|написать|выполнить|сгенерировать|генерировать"
                            + "|создать|создавать|комментировать|прокомментировать|ответить|отвечать|предоставить|участвовать|оставить|оставлять"
                            + "|поддержать|продолжить)\\b",
                    "\\bя не могу\\W*$"),
            Phrase.of(List.of("сожалению", "извините", "простите", "прощения"),
                    "\\b(?:к сожалению|извините|простите|прошу прощения)[,!.]?\\s+(?:но\\s+)?(?:я\\s+)?не\\s+(?:могу|буду|смогу|стану)\\b"),
            Phrase.of(List.of("не могу"), "\\bне могу (?:с этим|в этом) помочь\\b"),
            Phrase.of(List.of("противореч", "нарушает"), "\\bэто (?:противоречит|нарушает) (?:моим|мои|правил|политик|этическ)"),
            Phrase.of(List.of("i can", "i won", "i am", "i'm"), "\\bi (?:can'?t|cannot|won'?t|am unable to|am not able to)\\b", "\\bi'm (?:unable|not able) to\\b"),
            Phrase.of(List.of("sorry"), "\\bi'?m sorry\\b", "\\bsorry,? but\\b"),
            Phrase.of(List.of("unfortunately"), "\\bunfortunately,? i\\b"),
            Phrase.of(List.of("не можу", "вибачте"), "\\bя не можу\\b", "\\bне можу допомогти\\b", "\\bвибачте\\b"),
            Phrase.of(List.of("ich kann", "tut mir leid"), "\\bich kann (?:nicht|keine|leider)\\b", "\\bes tut mir leid\\b"),
            Phrase.of(List.of("no puedo", "lo siento", "ne peux", "désolé"), "\\bno puedo\\b", "\\blo siento\\b", "\\bje ne peux pas\\b", "\\bdésolé\\b"),
            Phrase.of(List.of("我不能", "我无法", "抱歉", "对不起"), "我不能|我无法|抱歉|对不起"));

    /** Invitations to private messages, promises of earnings, promo codes, self-advertising. */
    static final List<Phrase> SOLICITATION = List.of(
            Phrase.of(List.of("личк", " лс", " л.с", "директ", " пм", " dm", "личные сообщения"),
                    "\\b(?:пиши|пишите|напиши|напишите|стучи|стучите|обращайся|обращайтесь|жду)\\s+(?:мне\\s+)?(?:в\\s+)?"
                            + "(?:личк\\w*|лс|л\\.с|личные сообщения|директ|dm|пм)\\b",
                    "\\bв (?:личку|лс|директ)\\b"),
            Phrase.of(List.of("почту", "mail", "емейл", "имейл", "@"),
                    "\\b(?:пиши|пишите|напиши|напишите|обращайся|обращайтесь)\\s+(?:мне\\s+)?на\\s+(?:почту|e-?mail|емейл|имейл|[\\w.+-]+@)"),
            Phrase.of(List.of("сообщени"), "\\bличн\\w* сообщени"),
            Phrase.of(List.of("заработ", "зарабатыва"), "\\b(?:заработ|зарабатыва)\\w* (?:от|до|по)\\s*\\d", "\\b(?:легк|быстр)\\w* заработ"),
            Phrase.of(List.of("₽", "$", "руб", "долл", "usd", "евро", "€"),
                    "\\d[\\d\\s]*(?:к|тыс\\w*\\.?|000)?\\s*(?:руб\\w*\\.?|₽|\\$|долл\\w*|usd|евро|€)\\s+(?:в|за)\\s+(?:день|сутки|неделю|месяц|час)\\b"),
            Phrase.of(List.of("пассивн"), "\\bпассивн\\w* доход"),
            Phrase.of(List.of("вложени"), "\\bбез вложений\\b"),
            Phrase.of(List.of("деньг"), "\\b(?:легк|быстр)\\w* деньг"),
            Phrase.of(List.of("промо", "промик", "коду", "купон", "скидк"),
                    "\\bпромо-?код", "\\bпромик", "\\bпо (?:моему |нашему )?(?:промо)?коду\\b", "\\bкупон\\w* на скидку", "\\bскидк\\w* по (?:ссылке|коду)\\b"),
            Phrase.of(List.of("подписыв", "заходи", "переходи", "заглян", "заглядыв"),
                    "\\b(?:подписывай|заходи|переходи|заглян|заглядывай)\\w*\\s+(?:ко мне\\s+)?(?:на|в)\\s+(?:мой|наш|мою|нашу)\\b"),
            Phrase.of(List.of("ссылк"), "\\bссылк\\w* (?:в|у меня в) (?:профиле|био|шапке|описании)\\b"),
            Phrase.of(List.of("message me", "dm me", "promo code", "earn "), "\\bdm me\\b", "\\bmessage me\\b", "\\bpromo code\\b", "\\bearn \\$?\\d"));
}
