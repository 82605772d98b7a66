package io.queryflux.core.internal.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row as the Java value documented on
 * {@link io.queryflux.spi.TrinoType}; chosen once per column so that the row loop does no type
 * dispatch.
 */
@FunctionalInterface
interface ColumnReader
{
    /** The value at {@code column} (1-based) of the current row, or {@code null} for SQL NULL. */
    Object read(ResultSet resultSet, int column)
            throws SQLException;
}
