package io.queryflux.spi;

import java.util.List;

/**
 * Receives the result of a query from a synchronous {@link Backend}: first the columns, then the
 * rows, or an update count for a statement without a result set.
 *
 * <p><b>Backpressure.</b> {@link #row} blocks while the consumer is behind, so a producer never
 * runs ahead of a slow client by more than a few pages. A backend therefore pushes rows from a
 * thread that may block (QueryFlux runs every backend call on its own executor).
 *
 * <p>When the consumer goes away (the client cancelled or vanished), {@link #row} throws a
 * {@link QueryFluxException} with {@link ErrorCode#USER_CANCELED}; the backend lets it propagate
 * after releasing what it holds.
 */
public interface ResultSink
{
    /** Called once, before any row. */
    void columns(List<Column> columns);

    /**
     * One row, with a value per column in the Java forms documented on {@link TrinoType}.
     * The sink copies what it needs before returning, so the producer may reuse the array.
     */
    void row(Object[] values);

    /** For a statement without a result set (DML, DDL): the number of rows it changed, or 0. */
    void updateCount(long count);

    /**
     * The statement changed the client's session (current database, a transaction). May come at any
     * time before the backend returns; the client learns it with the next page it reads.
     */
    default void sessionChanged(SessionChange change) {}
}
