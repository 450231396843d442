package dev.marketolog.engine;

import java.io.Serial;

/**
 * The store answers, but every pooled connection stayed in use for the pool's whole wait (many accounts starting at
 * once): not an outage, so the account tries again within seconds rather than after {@link StoreUnavailableException}'s
 * minute.
 */
public final class StoreBusyException extends StoreUnavailableException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
