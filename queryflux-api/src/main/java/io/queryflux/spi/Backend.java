package io.queryflux.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * One cluster of a query engine. A synchronous engine runs each query through {@link #execute},
 * pushing rows into a {@link ResultSink}; an asynchronous engine that speaks a frontend's protocol
 * also hands back a {@link Passthrough}. QueryFlux admits at most the cluster's capacity of queries to it at
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

    /**
     * For an engine that speaks a frontend's wire protocol natively (an asynchronous engine such as
     * Trino): how to relay that frontend's requests to it. A frontend of that protocol then relays
     * the query instead of calling {@link #execute}; other frontends still call {@link #execute}.
     */
    default Optional<Passthrough> passthrough()
    {
        return Optional.empty();
    }

    /**
     * Probes the engine, for the background health check: returns when the cluster can take queries
     * and throws a {@link QueryFluxException} saying why when it cannot. Must give up within
     * {@code timeout}. The default assumes a healthy engine.
     */
    default void checkHealth(Duration timeout) {}

    /** Releases the backend's resources; called once when QueryFlux stops. */
    @Override
    default void close() {}
}
