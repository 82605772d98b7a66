package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Conversions of single driver values into the Java forms of {@link io.queryflux.spi.TrinoType},
 * shared by the column readers and the nested-value converters.
 */
final class JavaValues
{
    private static final BigInteger MAX_DECIMAL_38 = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
    // Trino's text form of time with time zone: always six fraction digits for time(6), offset as +hh:mm.
    private static final DateTimeFormatter TIME_WITH_TIME_ZONE = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSxxx");

    private JavaValues() {}

    /** A 128-bit integer as {@code decimal(38, 0)}; the few values with 39 digits cannot be shown. */
    static BigDecimal decimal38(BigInteger value)
    {
        // Below 2^126 every value has at most 38 digits; only the rare larger ones need the exact test.
        if (value.bitLength() >= 126 && value.abs().compareTo(MAX_DECIMAL_38) > 0) {
            throw new QueryFluxException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Value " + value + " does not fit decimal(38, 0)");
        }
        return new BigDecimal(value);
    }

    static BigDecimal decimal38(Object value)
    {
        if (value instanceof BigInteger integer) {
            return decimal38(integer);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        return decimal38(new BigInteger(value.toString()));
    }

    static OffsetDateTime utc(OffsetDateTime value)
    {
        return value.getOffset().equals(ZoneOffset.UTC) ? value : value.withOffsetSameInstant(ZoneOffset.UTC);
    }

    static String timeWithTimeZone(OffsetTime value)
    {
        return TIME_WITH_TIME_ZONE.format(value);
    }

    static byte[] bytes(Object value)
            throws SQLException
    {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        throw new SQLException("Expected binary data, got " + value.getClass().getName());
    }

    static LocalDate localDate(Object value)
    {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    static LocalTime localTime(Object value)
    {
        return value instanceof java.sql.Time time ? time.toLocalTime() : (LocalTime) value;
    }

    static LocalDateTime localDateTime(Object value)
    {
        // The DuckDB driver returns nested timestamps as java.sql.Timestamp built from the local wall-clock time.
        return value instanceof Timestamp timestamp ? timestamp.toLocalDateTime() : (LocalDateTime) value;
    }

    static OffsetDateTime offsetDateTime(Object value)
    {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        return utc((OffsetDateTime) value);
    }
}
