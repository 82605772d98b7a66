package io.queryflux.spi;

/**
 * A relayed query's hold on its cluster's capacity. The frontend ends it exactly when the relayed
 * query ends: on its final page, on an error, on a cancel, or when its client has gone. Ending it
 * again has no effect.
 */
public interface RelayLease
{
    /** The query ended normally. */
    void finished();

    /** The query failed, was cancelled or abandoned. */
    void failed(QueryFluxException error);
}
