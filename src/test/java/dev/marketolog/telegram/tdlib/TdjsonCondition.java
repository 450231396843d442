package dev.marketolog.telegram.tdlib;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Loads libtdjson before a {@link RequiresTdjson} test class: skip without it locally, fail without it on CI. */
final class TdjsonCondition implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            NativeTdTransport.get(Optional.empty());
        } catch (TdJsonLibrary.NotFound e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI must test against the real libtdjson (.ci/run installs it): " + e.getMessage(), e);
            }
            Assumptions.abort("skipped, libtdjson is not installed (run scripts/install-tdlib.sh): " + e.getMessage());
        }
    }
}
