package io.queryflux.core.testing;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link TestingFireboltCore} shows DuckDB values as Firebolt does: DuckDB's type names as
 * Firebolt's ({@code int}, {@code bigint}, {@code real}, {@code double precision}, {@code text},
 * {@code boolean}, {@code date}, {@code timestamp}, {@code timestamptz}, {@code bytea},
 * {@code numeric(p, s)}, {@code array(T)}, with {@code null} after a nullable column's type), and values
 * in Firebolt's JSON forms: a bigint beyond 2^53 as a string, non-finite floats as {@code inf},
 * {@code -inf} and {@code nan}, bytea as {@code \x} and hex, timestamps without trailing fraction zeros,
 * timestamptz in UTC with the offset {@code +00}.
 */
final class TestingFireboltCoreValues
{
    private static final long MAX_EXACT_JSON_INTEGER = 1L << 53;

    private TestingFireboltCoreValues() {}

    /** Firebolt's name of a DuckDB type, without nullability. */
    static String fireboltType(String duckDbType)
    {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        if (type.endsWith("[]")) {
            return "array(" + fireboltType(type.substring(0, type.length() - 2)) + " null)";
        }
        if (type.startsWith("DECIMAL(")) {
            return "numeric(" + type.substring("DECIMAL(".length(), type.length() - 1).replace(",", ", ") + ")";
        }
        if (type.startsWith("STRUCT(")) {
            return "struct" + duckDbType.substring("STRUCT".length()).toLowerCase(Locale.ROOT);
        }
        return switch (type) {
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> "int";
            case "BIGINT", "UINTEGER" -> "bigint";
            case "HUGEINT", "UBIGINT" -> "numeric(38, 0)";
            case "FLOAT" -> "real";
            case "DOUBLE" -> "double precision";
            case "BOOLEAN" -> "boolean";
            case "DATE" -> "date";
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S" -> "timestamp";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
            case "BLOB" -> "bytea";
            default -> "text";
        };
    }

    /** Writes one non-null value of a column of the given Firebolt type. */
    static void write(JsonGenerator json, String fireboltType, Object value)
            throws IOException, SQLException
    {
        if (value == null) {
            json.writeNull();
            return;
        }
        if (fireboltType.startsWith("array(")) {
            String element = fireboltType.substring("array(".length(), fireboltType.length() - " null)".length());
            Object[] elements = value instanceof Array array ? (Object[]) array.getArray() : (Object[]) value;
            json.writeStartArray();
            for (Object item : elements) {
                write(json, element, item);
            }
            json.writeEndArray();
            return;
        }
        if (fireboltType.startsWith("numeric(")) {
            json.writeNumber(value instanceof BigInteger integer ? new BigDecimal(integer) : (BigDecimal) value);
            return;
        }
        if (fireboltType.startsWith("struct(")) {
            json.writeStartObject();
            for (Map.Entry<?, ?> field : structFields(value).entrySet()) {
                json.writeFieldName(String.valueOf(field.getKey()));
                writeAsText(json, field.getValue());
            }
            json.writeEndObject();
            return;
        }
        switch (fireboltType) {
            case "int" -> json.writeNumber(((Number) value).intValue());
            case "bigint" -> writeBigint(json, ((Number) value).longValue());
            case "real" -> writeFloat(json, ((Number) value).floatValue(), true);
            case "double precision" -> writeFloat(json, ((Number) value).doubleValue(), false);
            case "boolean" -> json.writeBoolean((Boolean) value);
            case "date" -> json.writeString(value.toString());
            case "timestamp" -> json.writeString(timestamp(localDateTime(value)));
            case "timestamptz" -> json.writeString(timestamp(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00");
            case "bytea" -> json.writeString(hex(bytes(value)));
            default -> json.writeString(value.toString());
        }
    }

    /** The text of a non-null value in the TabSeparated format, before escaping. */
    static String text(String fireboltType, Object value)
            throws SQLException
    {
        return switch (fireboltType) {
            case "timestamp" -> timestamp(localDateTime(value));
            case "timestamptz" -> timestamp(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00";
            case "bytea" -> hex(bytes(value));
            default -> value instanceof Array array ? Arrays.deepToString((Object[]) array.getArray()) : value.toString();
        };
    }

    private static void writeBigint(JsonGenerator json, long value)
            throws IOException
    {
        if (Math.abs(value) > MAX_EXACT_JSON_INTEGER) {
            json.writeString(Long.toString(value));
        }
        else {
            json.writeNumber(value);
        }
    }

    private static void writeFloat(JsonGenerator json, double value, boolean single)
            throws IOException
    {
        if (Double.isNaN(value)) {
            json.writeString("nan");
        }
        else if (Double.isInfinite(value)) {
            json.writeString(value > 0 ? "inf" : "-inf");
        }
        else if (single) {
            json.writeNumber((float) value);
        }
        else {
            json.writeNumber(value);
        }
    }

    private static void writeAsText(JsonGenerator json, Object value)
            throws IOException
    {
        if (value == null) {
            json.writeNull();
        }
        else if (value instanceof Number number) {
            json.writeNumber(number.toString());
        }
        else {
            json.writeString(value.toString());
        }
    }

    private static LocalDateTime localDateTime(Object value)
    {
        return value instanceof Timestamp timestamp ? timestamp.toLocalDateTime() : (LocalDateTime) value;
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]} without trailing zeros in the fraction, as PostgreSQL prints it. */
    private static String timestamp(LocalDateTime value)
    {
        String text = LocalDate.from(value) + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", value.getHour(), value.getMinute(), value.getSecond());
        int micros = value.getNano() / 1000;
        if (micros == 0) {
            return text;
        }
        String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
        return text + "." + fraction;
    }

    private static byte[] bytes(Object value)
            throws SQLException
    {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        throw new SQLException("not binary: " + value.getClass());
    }

    private static String hex(byte[] bytes)
    {
        StringBuilder text = new StringBuilder(2 + 2 * bytes.length).append("\\x");
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return text.toString();
    }

    private static Map<?, ?> structFields(Object struct)
            throws SQLException
    {
        try {
            return (Map<?, ?>) struct.getClass().getMethod("getMap").invoke(struct);
        }
        catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new SQLException("Cannot read DuckDB struct " + struct.getClass(), e);
        }
    }
}
