package dev.marketolog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdentityTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartMakesAnIdentityOnlyTheServiceCanReadAndLaterStartsKeepIt() throws Exception {
        Path dataDir = dir.resolve("data");
        String first;
        try (InstanceIdentity identity = InstanceIdentity.claim(dataDir)) {
            first = identity.id();
        }

        assertThat(first).startsWith("instance-");
        assertThat(Files.readString(dataDir.resolve("instance-id")).strip()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("instance-id")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (InstanceIdentity again = InstanceIdentity.claim(dataDir)) {
            assertThat(again.id()).isEqualTo(first);
        }
    }

    @Test
    void aDataDirHeldByThisProcessCannotBeClaimedTwice() throws Exception {
        try (InstanceIdentity held = InstanceIdentity.claim(dir)) {
            assertThatThrownBy(() -> InstanceIdentity.claim(dir))
                    .isInstanceOf(InstanceInUseException.class)
                    .hasMessageContaining("DATA_DIR " + dir + " is in use by another running Marketolog process");
        }
        InstanceIdentity.claim(dir).close();
    }

    @Test
    void anIdentityFileThatHoldsSomethingElseIsAClearError() throws Exception {
        Files.writeString(dir.resolve("instance-id"), "not an id!\n");

        assertThatThrownBy(() -> InstanceIdentity.claim(dir))
                .isInstanceOf(StoreException.class)
                .hasMessage(dir.resolve("instance-id") + " does not hold an instance id (letters, digits, '.', '_', '-';"
                        + " at most 64); delete it and a new one is made at the next start");
        InstanceIdentity.claim(dir.resolve("elsewhere")).close(); // the failed claim left no lock behind
        Files.delete(dir.resolve("instance-id"));
        InstanceIdentity.claim(dir).close();
    }
}
