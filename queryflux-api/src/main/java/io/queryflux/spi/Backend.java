package io.queryflux.spi;

/**
 * One cluster of a query engine. QueryFlux admits at most the cluster's capacity of queries to it at
 * once, so a backend may size its resources (connections) to that capacity.
 */
public interface Backend
        extends AutoCloseable
{
    /**
     * Runs a query to completion on the calling thread, pushing its result into {@code sink}.
     * Failures are thrown as {@link QueryFluxException}s with the most precise {@link ErrorCode}
     * known (e.g. {@link ErrorCode#SYNTAX_ERROR} with a location).
     */
    void execute(QueryRequest query, ResultSink sink, Cancellation cancellation);

    /** Releases the backend's resources; called once when QueryFlux stops. */
    @Override
    default void close() {}
}
