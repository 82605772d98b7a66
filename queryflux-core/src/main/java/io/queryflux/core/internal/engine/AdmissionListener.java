package io.queryflux.core.internal.engine;

import io.queryflux.spi.QueryFluxException;

/**
 * Learns the outcome of a query's wait for room in its group. Called without the group's lock held.
 */
public interface AdmissionListener
{
    /** The query may run; it owns {@code slot} until it releases it. */
    void granted(Slot slot);

    /** The query waited too long. */
    void rejected(QueryFluxException error);
}
