package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class QrCodeTextTest {

    @Test
    void drawsTwoModuleRowsPerLineInsideAQuietZone() {
        String link = "tg://login?token=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHw";
        int size = QrCode.encodeText(link, QrCode.Ecc.LOW).size + 4;

        List<String> lines = QrCodeText.render(link).lines().toList();

        assertThat(lines).hasSize((size + 1) / 2).allSatisfy(line -> assertThat(line).hasSize(size));
        assertThat(lines.getFirst()).matches("█+");
    }
}
