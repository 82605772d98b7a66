package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.Backend;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.ResultSink;

import java.sql.SQLException;
import java.time.Duration;

/**
 * One cluster reached through JDBC: each query borrows a pooled connection, runs on it, and gives
 * it back; engine errors become {@link QueryFluxException}s with the most precise code.
 */
final class JdbcBackend
        implements Backend
{
    private final ConnectionPool pool;
    private final ColumnMapper columnMapper;

    JdbcBackend(ConnectionPool pool, ColumnMapper columnMapper)
    {
        this.pool = pool;
        this.columnMapper = columnMapper;
    }

    @Override
    public void execute(QueryRequest query, ResultSink sink, Cancellation cancellation)
    {
        if (cancellation.isCancelled()) {
            throw StatementExecution.canceled();
        }
        ConnectionPool.Lease lease = pool.borrow();
        boolean healthy = false;
        try {
            new StatementExecution(lease.connection(), columnMapper, sink, cancellation).run(query.sql());
            healthy = true;
        }
        catch (SQLException e) {
            if (cancellation.isCancelled()) {
                throw new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled", e);
            }
            throw SqlErrorClassifier.toException(e, query.sql());
        }
        finally {
            lease.release(healthy);
        }
    }

    @Override
    public void checkHealth(Duration timeout)
    {
        pool.probe(timeout);
    }

    @Override
    public void close()
    {
        pool.close();
    }
}
