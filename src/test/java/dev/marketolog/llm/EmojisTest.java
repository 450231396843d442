package dev.marketolog.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmojisTest {
    @Test
    void zwjFamilyFlagKeycapAndSkinToneCountOnceEach() {
        assertThat(Emojis.count("👨‍👩‍👧‍👦")).isEqualTo(1);
        assertThat(Emojis.count("🇷🇺")).isEqualTo(1);
        assertThat(Emojis.count("1️⃣")).isEqualTo(1);
        assertThat(Emojis.count("👍🏽")).isEqualTo(1);
        assertThat(Emojis.count("❤️")).isEqualTo(1);
        assertThat(Emojis.count("Привет 👨‍👩‍👧‍👦 и 🇷🇺, 1️⃣ 👍🏽")).isEqualTo(4);
    }

    @Test
    void textWithoutEmojisCountsNone() {
        assertThat(Emojis.count("Цена 120 000 ₽ — «дорого», #1 и т.д.…")).isZero();
    }

    @Test
    void keepFirstDropsWholeClustersAfterTheLimit() {
        assertThat(Emojis.keepFirst("А 🇷🇺 б 👨‍👩‍👧‍👦 в 👍🏽", 1)).isEqualTo("А 🇷🇺 б  в ");
        assertThat(Emojis.keepFirst("Без эмодзи", 0)).isEqualTo("Без эмодзи");
    }
}
