package io.queryflux.spi;

/**
 * Where a query is in its life.
 */
public enum QueryState
{
    /** Waiting for room in its cluster group. */
    QUEUED,
    /** Admitted and running on a cluster. */
    RUNNING,
    FINISHED,
    FAILED;

    public boolean isDone()
    {
        return this == FINISHED || this == FAILED;
    }
}
