package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.TrinoType;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a Firebolt column type, as {@code result_columns} or {@code meta} name it, to its Trino type and
 * the reader of its JSON values:
 * <ul>
 * <li>{@code int} → integer, {@code bigint} → bigint, {@code real} → real, {@code double} and
 *     {@code double precision} → double, {@code boolean} → boolean, {@code text} → varchar;
 * <li>{@code date} → date, {@code timestamp} → timestamp(6), {@code timestamptz} → timestamp(6) with time zone;
 * <li>{@code bytea} → varbinary, {@code numeric(p, s)} → decimal(p, s), {@code array(T)} → array of T;
 * <li>anything else (geography, struct, a numeric without or beyond precision 38) → varchar holding the value's text.
 * </ul>
 * A trailing {@code null} (e.g. {@code int null}) only marks the column nullable: every Trino column is.
 */
final class FireboltTypes
{
    private static final Pattern NUMERIC = Pattern.compile("(?:numeric|decimal)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final Pattern ARRAY = Pattern.compile("array\\s*\\((.*)\\)", Pattern.DOTALL);
    private static final int MAX_DECIMAL_PRECISION = 38;
    static final int TIMESTAMP_PRECISION = 6;

    private FireboltTypes() {}

    /** A Trino type and how to read the Firebolt values of a column. */
    record MappedType(TrinoType type, ValueReader reader) {}

    static MappedType map(String fireboltType)
    {
        String type = withoutNullability(fireboltType.strip().toLowerCase(Locale.ROOT));
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            MappedType element = map(array.group(1));
            return new MappedType(TrinoType.array(element.type()), FireboltValues.array(element.reader()));
        }
        Matcher numeric = NUMERIC.matcher(type);
        if (numeric.matches()) {
            return decimal(numeric);
        }
        return switch (type) {
            case "int", "integer", "int4" -> new MappedType(TrinoType.INTEGER, FireboltValues::integer);
            case "bigint", "long", "int8" -> new MappedType(TrinoType.BIGINT, FireboltValues::bigint);
            case "real", "float4" -> new MappedType(TrinoType.REAL, FireboltValues::real);
            case "double", "double precision", "float8", "float" -> new MappedType(TrinoType.DOUBLE, FireboltValues::doubleValue);
            case "boolean", "bool" -> new MappedType(TrinoType.BOOLEAN, FireboltValues::bool);
            case "text", "varchar", "string" -> new MappedType(TrinoType.VARCHAR, FireboltValues::text);
            case "date", "pgdate" -> new MappedType(TrinoType.DATE, FireboltValues::date);
            case "timestamp", "timestampntz" -> new MappedType(TrinoType.timestamp(TIMESTAMP_PRECISION), FireboltValues::timestamp);
            case "timestamptz" -> new MappedType(TrinoType.timestampWithTimeZone(TIMESTAMP_PRECISION), FireboltValues::timestampWithTimeZone);
            case "bytea" -> new MappedType(TrinoType.VARBINARY, FireboltValues::bytea);
            default -> new MappedType(TrinoType.VARCHAR, FireboltValues::text);
        };
    }

    private static MappedType decimal(Matcher numeric)
    {
        int precision = Integer.parseInt(numeric.group(1));
        int scale = numeric.group(2) == null ? 0 : Integer.parseInt(numeric.group(2));
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision) {
            // Trino has no such decimal; the exact text is better than a rounded number.
            return new MappedType(TrinoType.VARCHAR, FireboltValues::text);
        }
        return new MappedType(TrinoType.decimal(precision, scale), FireboltValues::decimal);
    }

    /** The type without a trailing {@code null} or {@code not null}. */
    private static String withoutNullability(String type)
    {
        if (type.endsWith(" not null")) {
            return type.substring(0, type.length() - " not null".length()).strip();
        }
        if (type.endsWith(" null")) {
            return type.substring(0, type.length() - " null".length()).strip();
        }
        return type;
    }
}
