package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.TrinoType;

import java.util.Objects;

/**
 * How a result column is presented: its Trino type and the reader that produces matching values.
 */
record MappedColumn(TrinoType type, ColumnReader reader)
{
    MappedColumn
    {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(reader, "reader is null");
    }
}
