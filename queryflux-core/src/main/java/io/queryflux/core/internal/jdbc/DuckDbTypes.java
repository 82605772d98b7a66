package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.TrinoType;

import java.util.ArrayList;
import java.util.List;

/**
 * The Trino type shown for each DuckDB type. Unsigned integers widen to the next signed type that
 * holds every value; 128-bit integers become {@code decimal(38, 0)}; types Trino has no faithful
 * counterpart for travel as {@code varchar} in DuckDB's own text form.
 */
final class DuckDbTypes
{
    static final String TIME_WITH_TIME_ZONE = "time with time zone";

    private DuckDbTypes() {}

    static TrinoType trinoType(DuckDbType type)
    {
        return switch (type.name()) {
            case "BOOLEAN" -> TrinoType.BOOLEAN;
            case "TINYINT" -> TrinoType.TINYINT;
            case "SMALLINT", "UTINYINT" -> TrinoType.SMALLINT;
            case "INTEGER", "USMALLINT" -> TrinoType.INTEGER;
            case "BIGINT", "UINTEGER" -> TrinoType.BIGINT;
            case "HUGEINT", "UHUGEINT" -> TrinoType.decimal(38, 0);
            case "UBIGINT" -> TrinoType.decimal(20, 0);
            case "FLOAT" -> TrinoType.REAL;
            case "DOUBLE" -> TrinoType.DOUBLE;
            // DuckDB's DECIMAL without arguments is DECIMAL(18,3).
            case "DECIMAL" -> TrinoType.decimal(type.intArgument(0, 18), type.intArgument(1, 3));
            case "BLOB" -> TrinoType.VARBINARY;
            case "DATE" -> TrinoType.DATE;
            case "TIME" -> TrinoType.time(6);
            case "TIME WITH TIME ZONE" -> new TrinoType(TIME_WITH_TIME_ZONE, List.of(TrinoType.Argument.ofLong(6)));
            case "TIMESTAMP" -> TrinoType.timestamp(6);
            case "TIMESTAMP_MS" -> TrinoType.timestamp(3);
            case "TIMESTAMP_S" -> TrinoType.timestamp(0);
            case "TIMESTAMP_NS" -> TrinoType.timestamp(9);
            case "TIMESTAMP WITH TIME ZONE" -> TrinoType.timestampWithTimeZone(6);
            case "UUID" -> TrinoType.UUID;
            case "JSON" -> TrinoType.JSON;
            case DuckDbType.LIST, DuckDbType.ARRAY -> TrinoType.array(trinoType(type.child(0)));
            case "MAP" -> TrinoType.map(trinoType(type.child(0)), trinoType(type.child(1)));
            case "STRUCT" -> row(type);
            // INTERVAL holds months, days and microseconds together; Trino's interval day to second and
            // interval year to month each hold only one part, so the value goes out as DuckDB's text.
            // VARCHAR, ENUM, INTERVAL, UNION, BIT, BIGNUM, GEOMETRY and anything newer: text.
            default -> TrinoType.VARCHAR;
        };
    }

    private static TrinoType row(DuckDbType type)
    {
        List<TrinoType.Field> fields = new ArrayList<>(type.children().size());
        for (DuckDbType.Field field : type.children()) {
            fields.add(new TrinoType.Field(field.name(), trinoType(field.type())));
        }
        return TrinoType.row(fields);
    }
}
