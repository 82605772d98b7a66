package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.TrinoType;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetTime;
import java.util.Optional;

/**
 * Maps DuckDB result columns by the type name the driver reports ({@code DECIMAL(10,2)},
 * {@code STRUCT(a INTEGER)[]}, ...), which unlike {@code java.sql.Types} carries unsigned types,
 * timestamp precisions and the structure of nested types.
 */
final class DuckDbColumnMapper
        implements ColumnMapper
{
    @Override
    public MappedColumn map(ResultSetMetaData metadata, int column)
            throws SQLException
    {
        Optional<DuckDbType> parsed = DuckDbTypeParser.parse(metadata.getColumnTypeName(column));
        if (parsed.isEmpty()) {
            return new MappedColumn(TrinoType.VARCHAR, ColumnReaders.STRING);
        }
        DuckDbType type = parsed.get();
        return new MappedColumn(DuckDbTypes.trinoType(type), reader(type));
    }

    static ColumnReader reader(DuckDbType type)
    {
        return switch (type.name()) {
            case "BOOLEAN" -> ColumnReaders.BOOLEAN;
            case "TINYINT" -> ColumnReaders.TINYINT;
            case "SMALLINT", "UTINYINT" -> ColumnReaders.SMALLINT;
            case "INTEGER", "USMALLINT" -> ColumnReaders.INTEGER;
            case "BIGINT", "UINTEGER" -> ColumnReaders.BIGINT;
            case "FLOAT" -> ColumnReaders.REAL;
            case "DOUBLE" -> ColumnReaders.DOUBLE;
            case "DECIMAL" -> ColumnReaders.DECIMAL;
            case "BLOB" -> ColumnReaders.BYTES;
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP_NS" -> ColumnReaders.LOCAL_DATE_TIME;
            case "TIMESTAMP WITH TIME ZONE" -> ColumnReaders.OFFSET_DATE_TIME_UTC;
            // Plain getObject: the driver's getObject(LocalDate.class) loses the sign of years BC.
            case "DATE" -> ColumnReaders.converted(JavaValues::localDate);
            case "TIME" -> ColumnReaders.converted(JavaValues::localTime);
            case "UUID" -> ColumnReaders.converted(ValueConverter.IDENTITY);
            case "TIME WITH TIME ZONE" -> ColumnReaders.converted(value -> value instanceof OffsetTime time ? JavaValues.timeWithTimeZone(time) : value.toString());
            case "HUGEINT", "UHUGEINT", "UBIGINT", DuckDbType.LIST, DuckDbType.ARRAY, "MAP", "STRUCT" -> ColumnReaders.converted(DuckDbValueConverters.forType(type));
            // VARCHAR, JSON, ENUM, INTERVAL and every type shown as varchar: DuckDB's text form.
            default -> ColumnReaders.STRING;
        };
    }
}
