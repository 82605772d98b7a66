package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.TrinoType;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Maps result columns of any JDBC driver by {@link java.sql.Types} with precision and scale, plus a
 * few type names that drivers report as {@code OTHER} or a plainer type (PostgreSQL's
 * {@code timestamptz}, {@code uuid}, {@code json}, {@code jsonb}).
 */
final class GenericColumnMapper
        implements ColumnMapper
{
    // Trino's longest char(n).
    private static final int MAX_CHAR_LENGTH = 65_536;
    private static final int MAX_DECIMAL_PRECISION = 38;
    private static final int DEFAULT_FRACTION_DIGITS = 6;

    @Override
    public MappedColumn map(ResultSetMetaData metadata, int column)
            throws SQLException
    {
        int jdbcType = metadata.getColumnType(column);
        String typeName = String.valueOf(metadata.getColumnTypeName(column)).toLowerCase(Locale.ROOT);
        switch (typeName) {
            case "timestamptz":
                return new MappedColumn(TrinoType.timestampWithTimeZone(fractionDigits(metadata, column)), ColumnReaders.OFFSET_DATE_TIME_UTC);
            case "timetz":
                // PostgreSQL reports timetz as plain TIME; read as a LocalTime it fails.
                return new MappedColumn(new TrinoType("time with time zone", List.of(TrinoType.Argument.ofLong(6))), ColumnReaders.OFFSET_TIME);
            case "uuid":
                return new MappedColumn(TrinoType.UUID, ColumnReaders.STRING);
            case "json", "jsonb":
                return new MappedColumn(TrinoType.JSON, ColumnReaders.STRING);
            default:
                return byJdbcType(metadata, column, jdbcType);
        }
    }

    private static MappedColumn byJdbcType(ResultSetMetaData metadata, int column, int jdbcType)
            throws SQLException
    {
        return switch (jdbcType) {
            // PostgreSQL reports boolean as BIT(1); a wider BIT is a bit string.
            case Types.BOOLEAN -> new MappedColumn(TrinoType.BOOLEAN, ColumnReaders.BOOLEAN);
            case Types.BIT -> metadata.getPrecision(column) <= 1
                    ? new MappedColumn(TrinoType.BOOLEAN, ColumnReaders.BOOLEAN)
                    : varchar();
            case Types.TINYINT -> signed(metadata, column)
                    ? new MappedColumn(TrinoType.TINYINT, ColumnReaders.TINYINT)
                    : new MappedColumn(TrinoType.SMALLINT, ColumnReaders.SMALLINT);
            case Types.SMALLINT -> signed(metadata, column)
                    ? new MappedColumn(TrinoType.SMALLINT, ColumnReaders.SMALLINT)
                    : new MappedColumn(TrinoType.INTEGER, ColumnReaders.INTEGER);
            case Types.INTEGER -> signed(metadata, column)
                    ? new MappedColumn(TrinoType.INTEGER, ColumnReaders.INTEGER)
                    : new MappedColumn(TrinoType.BIGINT, ColumnReaders.BIGINT);
            case Types.BIGINT -> signed(metadata, column)
                    ? new MappedColumn(TrinoType.BIGINT, ColumnReaders.BIGINT)
                    : new MappedColumn(TrinoType.decimal(20, 0), ColumnReaders.DECIMAL);
            case Types.REAL -> new MappedColumn(TrinoType.REAL, ColumnReaders.REAL);
            // JDBC's FLOAT is double precision.
            case Types.FLOAT, Types.DOUBLE -> new MappedColumn(TrinoType.DOUBLE, ColumnReaders.DOUBLE);
            case Types.NUMERIC, Types.DECIMAL -> decimal(metadata.getPrecision(column), metadata.getScale(column));
            case Types.CHAR, Types.NCHAR -> {
                int length = metadata.getPrecision(column);
                yield length > 0 && length <= MAX_CHAR_LENGTH
                        ? new MappedColumn(TrinoType.charType(length), ColumnReaders.STRING)
                        : varchar();
            }
            case Types.VARCHAR, Types.NVARCHAR -> {
                int length = metadata.getPrecision(column);
                yield length > 0 && length < TrinoType.UNBOUNDED_VARCHAR_LENGTH
                        ? new MappedColumn(TrinoType.varchar(length), ColumnReaders.STRING)
                        : varchar();
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> new MappedColumn(TrinoType.VARBINARY, ColumnReaders.BYTES);
            case Types.DATE -> new MappedColumn(TrinoType.DATE, ColumnReaders.LOCAL_DATE);
            case Types.TIME -> new MappedColumn(TrinoType.time(fractionDigits(metadata, column)), ColumnReaders.TIME_OF_DAY);
            case Types.TIMESTAMP -> new MappedColumn(TrinoType.timestamp(fractionDigits(metadata, column)), ColumnReaders.LOCAL_DATE_TIME);
            case Types.TIMESTAMP_WITH_TIMEZONE -> new MappedColumn(TrinoType.timestampWithTimeZone(fractionDigits(metadata, column)), ColumnReaders.OFFSET_DATE_TIME_UTC);
            // The element type is known only per value, so elements go out as text.
            case Types.ARRAY -> new MappedColumn(TrinoType.array(TrinoType.VARCHAR), ColumnReaders.converted(GenericColumnMapper::textElements));
            // LONGVARCHAR, CLOB, TIME_WITH_TIMEZONE, OTHER, STRUCT, SQLXML, ...: the driver's text.
            default -> varchar();
        };
    }

    private static MappedColumn decimal(int precision, int scale)
    {
        // An unconstrained NUMERIC (PostgreSQL reports precision 0) or one wider than Trino's decimal stays exact as text.
        if (precision <= 0 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            return varchar();
        }
        return new MappedColumn(TrinoType.decimal(precision, scale), ColumnReaders.decimal(scale));
    }

    private static MappedColumn varchar()
    {
        return new MappedColumn(TrinoType.VARCHAR, ColumnReaders.STRING);
    }

    private static boolean signed(ResultSetMetaData metadata, int column)
    {
        try {
            return metadata.isSigned(column);
        }
        catch (SQLException e) {
            // A driver that cannot tell has signed integers, as SQL does.
            return true;
        }
    }

    /** Drivers report a temporal column's fraction digits as its scale; anything odd means "default". */
    private static int fractionDigits(ResultSetMetaData metadata, int column)
            throws SQLException
    {
        int scale = metadata.getScale(column);
        return scale >= 0 && scale <= 9 ? scale : DEFAULT_FRACTION_DIGITS;
    }

    private static Object textElements(Object value)
            throws SQLException
    {
        Object elements = value instanceof java.sql.Array array ? array.getArray() : value;
        if (!elements.getClass().isArray()) {
            return String.valueOf(elements);
        }
        // Reflection also covers drivers that return primitive arrays (int[]).
        int length = java.lang.reflect.Array.getLength(elements);
        Object[] texts = new Object[length];
        for (int i = 0; i < length; i++) {
            Object item = java.lang.reflect.Array.get(elements, i);
            texts[i] = item == null ? null : item instanceof Object[] nested ? Arrays.deepToString(nested) : item.toString();
        }
        return Arrays.asList(texts);
    }
}
