package dev.marketolog.telegram.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** The Russian texts of the simulated world: channel titles, post texts and other people's comments. */
final class SimTexts {

    private static final List<String> TITLES = List.of(
            "Продуктовый маркетинг", "Финансы без паники", "Java по-взрослому", "Путешествия налегке",
            "Кофе и бизнес", "Городские новости", "Рынок недвижимости", "Здоровье и спорт", "Стартапы и венчур",
            "Книжная полка", "Авто сегодня", "Digital для малого бизнеса", "Наука простыми словами",
            "Карьера в IT", "Дом и ремонт", "Кино по выходным");

    private static final List<String> OPENERS = List.of(
            "Коротко о главном за сегодня.", "Разбор, который вы просили.", "Наблюдение недели.",
            "Неожиданные цифры.", "Важное обновление.", "Мнение редакции.", "Личный опыт.",
            "Полезное на выходные.", "Итоги месяца.", "Спорная тема.");

    private static final List<String> BODIES = List.of(
            "Мы сравнили три подхода и один оказался почти вдвое дешевле остальных.",
            "Половина опрошенных признались, что узнали об этом только в этом году.",
            "Собрали пять ошибок, которые чаще всего совершают новички.",
            "Рынок снова изменился: цены за квартал выросли на двенадцать процентов.",
            "Команда из Казани показала, как сделать это без больших бюджетов.",
            "Эксперты советуют не торопиться и сначала посчитать все расходы.",
            "Новый закон вступает в силу с первого числа, и вот что он меняет.",
            "Мы попробовали сами и записали всё, что пошло не по плану.",
            "Читатели прислали больше сотни историй, публикуем самые интересные.",
            "Оказалось, что простая привычка экономит до часа в день.",
            "Крупные компании уже перестраивают процессы, малый бизнес пока ждёт.",
            "В подборке инструменты, которые можно начать использовать завтра.");

    private static final List<String> QUESTIONS = List.of(
            "А как у вас?", "Что думаете?", "Согласны?", "Делитесь опытом в комментариях.",
            "Какой вариант выбрали бы вы?", "Было ли у вас что-то похожее?", "Стоит ли оно того?",
            "Пишите, разберём ваши вопросы.");

    private static final List<String> OTHER_COMMENTS = List.of(
            "Спасибо, полезно!", "Интересно, а есть источник?", "У нас было ровно так же.",
            "Не согласен, всё зависит от региона.", "Сохранил себе.", "Хорошая подборка, жду продолжения.",
            "А цифры за прошлый год есть?", "Отличный разбор.", "Звучит слишком оптимистично.",
            "Давно хотел про это почитать.", "Подтверждаю, проверено на себе.", "Можно подробнее про второй пункт?",
            "Это точно работает не везде.", "Лайк за честность.", "Коллегам переслал.");

    private SimTexts() {}

    /** The title of the {@code index}-th channel; titles repeat with a number once the list runs out. */
    static String title(int index) {
        String title = TITLES.get(index % TITLES.size());
        int round = index / TITLES.size();
        return round == 0 ? title : title + " " + (round + 1);
    }

    static String post(RandomGenerator random) {
        return pick(OPENERS, random) + " " + pick(BODIES, random) + " " + pick(QUESTIONS, random);
    }

    static String otherComment(RandomGenerator random) {
        return pick(OTHER_COMMENTS, random);
    }

    private static String pick(List<String> texts, RandomGenerator random) {
        return texts.get(random.nextInt(texts.size()));
    }
}
