package dev.marketolog.web.console.panel;

import dev.marketolog.ExternalRequirement;
import java.nio.file.Files;
import java.util.Optional;

/** Runs {@link RequiresChromium} tests only where Chromium and chromedriver are installed (and insists on CI). */
final class ChromiumCondition extends ExternalRequirement {

    @Override
    protected String what() {
        return "chromium and chromedriver";
    }

    @Override
    protected Optional<String> missing() {
        if (!Files.isExecutable(Browser.CHROMIUM)) {
            return Optional.of(Browser.CHROMIUM + " is missing; apt-get install chromium");
        }
        if (!Files.isExecutable(Browser.CHROMEDRIVER)) {
            return Optional.of(Browser.CHROMEDRIVER + " is missing; apt-get install chromium-driver");
        }
        return Optional.empty();
    }
}
