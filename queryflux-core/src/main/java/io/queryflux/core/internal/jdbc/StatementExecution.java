package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.ResultSink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one SQL statement on a borrowed connection and streams its result into a sink: the columns
 * mapped once, then every row read by per-column readers into one reused array.
 */
final class StatementExecution
{
    private static final int FETCH_SIZE = 10_000;
    // Cancel is checked every 1024 rows: a driver may ignore Statement.cancel once rows are flowing.
    private static final int CANCEL_CHECK_MASK = 1023;

    private final Connection connection;
    private final ColumnMapper columnMapper;
    private final ResultSink sink;
    private final Cancellation cancellation;

    StatementExecution(Connection connection, ColumnMapper columnMapper, ResultSink sink, Cancellation cancellation)
    {
        this.connection = connection;
        this.columnMapper = columnMapper;
        this.sink = sink;
        this.cancellation = cancellation;
    }

    void run(String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            StatementCanceller canceller = new StatementCanceller(statement);
            cancellation.onCancel(canceller::cancel);
            try {
                checkNotCanceled();
                setFetchSize(statement);
                boolean hasResultSet = statement.execute(sql);
                // A cancel that raced with the start of execute may have let the statement finish.
                checkNotCanceled();
                ResultSet resultSet = hasResultSet ? statement.getResultSet() : null;
                if (resultSet == null) {
                    sink.updateCount(Math.max(0, statement.getUpdateCount()));
                    return;
                }
                try (resultSet) {
                    stream(resultSet);
                }
            }
            finally {
                canceller.finish();
            }
        }
    }

    private void stream(ResultSet resultSet)
            throws SQLException
    {
        ResultSetMetaData metadata = resultSet.getMetaData();
        int count = metadata.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        ColumnReader[] readers = new ColumnReader[count];
        for (int i = 0; i < count; i++) {
            MappedColumn mapped = columnMapper.map(metadata, i + 1);
            String label = metadata.getColumnLabel(i + 1);
            columns.add(new Column(label == null ? "_col" + i : label, mapped.type()));
            readers[i] = mapped.reader();
        }
        sink.columns(columns);

        Object[] values = new Object[count];
        long rows = 0;
        while (resultSet.next()) {
            for (int i = 0; i < count; i++) {
                values[i] = readers[i].read(resultSet, i + 1);
            }
            sink.row(values);
            rows++;
            if ((rows & CANCEL_CHECK_MASK) == 0) {
                checkNotCanceled();
            }
        }
    }

    private void checkNotCanceled()
    {
        if (cancellation.isCancelled()) {
            throw canceled();
        }
    }

    static QueryFluxException canceled()
    {
        return new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled");
    }

    private static void setFetchSize(Statement statement)
    {
        try {
            statement.setFetchSize(FETCH_SIZE);
        }
        catch (SQLException e) {
            // Only a hint; some drivers refuse it.
        }
    }
}
