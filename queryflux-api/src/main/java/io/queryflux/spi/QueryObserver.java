package io.queryflux.spi;

/**
 * A frontend's view of one query it submitted to the {@link QueryEngine}: the result (as a
 * {@link ResultSink}) and the query's life. Called from QueryFlux's threads, possibly before
 * {@link QueryEngine#submit} has returned; exactly one of {@link #finished} and {@link #failed}
 * is called, last.
 */
public interface QueryObserver
        extends ResultSink
{
    /** The query left the queue and runs on {@code cluster} of {@code group}. */
    default void started(String group, String cluster) {}

    /**
     * The query was admitted to a cluster that speaks this frontend's protocol. Returning
     * {@code true} takes the query over: QueryFlux does not run it, and the frontend relays it to
     * {@code passthrough} and ends {@code lease} when the relayed query ends. Returning {@code false}
     * (the default) lets QueryFlux run it through {@link Backend#execute}.
     */
    default boolean relay(Passthrough passthrough, RelayLease lease)
    {
        return false;
    }

    /** The result is complete. */
    void finished();

    /** The query failed, was cancelled, or timed out. */
    void failed(QueryFluxException error);
}
