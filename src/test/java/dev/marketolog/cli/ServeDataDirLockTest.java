package dev.marketolog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marketolog.App;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two live processes never share a DATA_DIR (and so an instance identity): a second serve on it says so and exits 1. */
class ServeDataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondServeOnADataDirInUseIsRefusedWithAClearErrorAndExitOne() throws Exception {
        Path dataDir = dir.resolve("data");
        Process holder = java(HoldsDataDir.class.getName(), dataDir.toString()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo(HoldsDataDir.HELD);

            ProcessBuilder second = java(App.class.getName(), "serve");
            second.environment().clear();
            second.environment().put("TELEGRAM_API_ID", "123456");
            second.environment().put("TELEGRAM_API_HASH", "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
            second.environment().put("HTTP_PORT", Integer.toString(ServeEnvironment.freePort()));
            second.environment().put("DATA_DIR", dataDir.toString());
            Process serve = second.start();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("the second serve exits").isTrue();
            String output = new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(serve.exitValue()).as("exit code; output:%n%s", output).isEqualTo(1);
            assertThat(output).contains("Cannot start: DATA_DIR " + dataDir + " is in use by another running Marketolog process")
                    .doesNotContain("\tat ");
            assertThat(holder.isAlive()).isTrue();
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass);
        builder.command().addAll(List.of(args));
        return builder.directory(dir.toFile()).redirectErrorStream(true);
    }
}
