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

    /** The result is complete. */
    void finished();

    /** The query failed, was cancelled, or timed out. */
    void failed(QueryFluxException error);
}
