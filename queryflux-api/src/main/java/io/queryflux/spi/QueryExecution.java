package io.queryflux.spi;

/**
 * A submitted query, as its frontend holds it.
 */
public interface QueryExecution
{
    /** The query id, in Trino's form {@code YYYYMMdd_HHmmss_NNNNN_xxxxx}. */
    String queryId();

    QueryState state();

    /** The cluster group the query was routed to. */
    String group();

    /** The session the query runs in, with the authenticated user. */
    SessionContext session();

    /**
     * Cancels the query: removes it from the queue, or stops it on its engine. The observer's
     * {@link QueryObserver#failed} is called with {@link ErrorCode#USER_CANCELED} unless the
     * query already ended. Calling it again does nothing.
     */
    void cancel();
}
