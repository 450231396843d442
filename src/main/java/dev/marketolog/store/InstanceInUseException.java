package dev.marketolog.store;

import java.nio.file.Path;

/** Another live process holds this DATA_DIR: two instances on one host need two data directories. */
public final class InstanceInUseException extends StoreException {
    InstanceInUseException(Path dataDir) {
        super("DATA_DIR " + dataDir + " is in use by another running Marketolog process (it holds "
                + dataDir.resolve(InstanceIdentity.LOCK_FILE) + "); stop that one, or give this instance a DATA_DIR of its own", null);
    }
}
