package dev.marketolog.telegram.tdlib;

import dev.marketolog.ExternalRequirement;
import java.util.Optional;

/** Runs {@link RequiresTdjson} tests only where libtdjson loads (and insists on it on CI). */
final class TdjsonCondition extends ExternalRequirement {

    @Override
    protected String what() {
        return "libtdjson";
    }

    @Override
    protected Optional<String> missing() {
        try {
            NativeTdTransport.get(Optional.empty());
            return Optional.empty();
        } catch (TdJsonLibrary.NotFound e) {
            return Optional.of(e.getMessage() + " (mvn verify installs it into lib/ when npm is there; or run scripts/install-tdlib.sh)");
        }
    }
}
