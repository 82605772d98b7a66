package io.queryflux.core.internal.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Chooses the Trino type and the value reader of a result column from the driver's metadata; one
 * implementation per engine family.
 */
interface ColumnMapper
{
    /** Maps {@code column} (1-based); never fails for an unknown type (it falls back to varchar). */
    MappedColumn map(ResultSetMetaData metadata, int column)
            throws SQLException;
}
