package dev.marketolog.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code serve} process as the others see it in the {@link InstanceRegistry}.
 *
 * @param id its stable identity (the owner of its leases)
 * @param host where it runs, for the operator
 * @param httpPort where its {@code /health} answers
 */
public record Instance(String id, String host, int httpPort, Instant startedAt) {

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
