package dev.marketolog.telegram.tdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.telegram.tdlib.TdJsonLibrary.Candidate;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TdJsonLibraryTest {

    @Test
    void looksAtTdjsonPathThenTheInstallationThenTheSystemPath() {
        assertThat(TdJsonLibrary.candidates(Optional.of(Path.of("/opt/td/libtdjson.so")), Optional.of(Path.of("/app"))))
                .containsExactly(
                        new Candidate("TDJSON_PATH", Path.of("/opt/td/libtdjson.so")),
                        new Candidate("installation", Path.of("/app/lib/libtdjson.so")),
                        new Candidate("system library path", Path.of("libtdjson.so")));
    }

    @Test
    void withoutTdjsonPathTheInstallationComesFirst() {
        assertThat(TdJsonLibrary.candidates(Optional.empty(), Optional.of(Path.of("/app"))))
                .extracting(Candidate::origin).containsExactly("installation", "system library path");
    }

    @Test
    void theInstallationIsWhereTheJarOrTheBuildsClassesAre() {
        assertThat(TdJsonLibrary.installationDirOf(Path.of("/app/marketolog.jar"))).isEqualTo(Path.of("/app"));
        assertThat(TdJsonLibrary.installationDirOf(Path.of("/src/marketolog/target/marketolog.jar"))).isEqualTo(Path.of("/src/marketolog"));
        assertThat(TdJsonLibrary.installationDirOf(Path.of("/src/marketolog/target/classes"))).isEqualTo(Path.of("/src/marketolog"));
    }
}
