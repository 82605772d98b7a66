package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;

/**
 * The column readers shared by every engine: typed getters plus {@code wasNull} for primitives
 * (no per-row type checks or conversions), {@code getObject} with a target class for temporal types.
 */
final class ColumnReaders
{
    static final ColumnReader BOOLEAN = (resultSet, column) -> {
        boolean value = resultSet.getBoolean(column);
        return resultSet.wasNull() ? null : value;
    };
    static final ColumnReader TINYINT = (resultSet, column) -> {
        byte value = resultSet.getByte(column);
        return resultSet.wasNull() ? null : value;
    };
    static final ColumnReader SMALLINT = (resultSet, column) -> {
        short value = resultSet.getShort(column);
        return resultSet.wasNull() ? null : value;
    };
    static final ColumnReader INTEGER = (resultSet, column) -> {
        int value = resultSet.getInt(column);
        return resultSet.wasNull() ? null : value;
    };
    static final ColumnReader BIGINT = (resultSet, column) -> {
        long value = resultSet.getLong(column);
        return resultSet.wasNull() ? null : value;
    };
    static final ColumnReader REAL = (resultSet, column) -> {
        float value = resultSet.getFloat(column);
        return resultSet.wasNull() ? null : value;
    };
    static final ColumnReader DOUBLE = (resultSet, column) -> {
        double value = resultSet.getDouble(column);
        return resultSet.wasNull() ? null : value;
    };
    static final ColumnReader DECIMAL = (resultSet, column) -> resultSet.getBigDecimal(column);
    static final ColumnReader STRING = (resultSet, column) -> resultSet.getString(column);
    static final ColumnReader BYTES = (resultSet, column) -> resultSet.getBytes(column);
    static final ColumnReader LOCAL_DATE = (resultSet, column) -> resultSet.getObject(column, LocalDate.class);
    static final ColumnReader LOCAL_TIME = (resultSet, column) -> resultSet.getObject(column, LocalTime.class);
    // getObject(LocalDateTime) keeps wall-clock times that fall into a DST gap of the JVM's zone; getTimestamp shifts them.
    static final ColumnReader LOCAL_DATE_TIME = (resultSet, column) -> resultSet.getObject(column, LocalDateTime.class);
    static final ColumnReader OFFSET_DATE_TIME_UTC = (resultSet, column) -> {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        if (value == null) {
            return null;
        }
        try {
            return JavaValues.utc(value);
        }
        catch (DateTimeException e) {
            // PostgreSQL's 'infinity' arrives as OffsetDateTime.MAX, which no Trino timestamp can hold.
            throw outOfRange(value.toString(), "timestamp with time zone");
        }
    };
    static final ColumnReader OFFSET_TIME = (resultSet, column) -> {
        OffsetTime value = resultSet.getObject(column, OffsetTime.class);
        return value == null ? null : JavaValues.timeWithTimeZone(value);
    };
    /**
     * A time of day, read as text first: some engines' TIME is a signed duration (MariaDB allows
     * -838:59:59 to 838:59:59) that drivers silently wrap into a day.
     */
    static final ColumnReader TIME_OF_DAY = (resultSet, column) -> {
        String text = resultSet.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.trim());
        }
        catch (DateTimeParseException e) {
            throw outOfRange(text, "time");
        }
    };

    private static QueryFluxException outOfRange(String value, String type)
    {
        return new QueryFluxException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Value " + value + " is outside the range of Trino's " + type);
    }

    private ColumnReaders() {}

    /** {@code getObject} and a conversion of the non-null result. */
    static ColumnReader converted(ValueConverter converter)
    {
        return (resultSet, column) -> {
            Object value = resultSet.getObject(column);
            return value == null ? null : converter.convert(value);
        };
    }

    /** A decimal padded to the column's scale when the driver returns fewer fraction digits. */
    static ColumnReader decimal(int scale)
    {
        return (resultSet, column) -> {
            BigDecimal value = resultSet.getBigDecimal(column);
            return value == null || value.scale() >= scale ? value : value.setScale(scale);
        };
    }
}
