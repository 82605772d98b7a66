package io.queryflux.core.internal.jdbc;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the values inside DuckDB's nested types. The driver returns lists and arrays as
 * {@link Array}s of boxed values, structs as {@link Struct}s, maps as {@code LinkedHashMap}s, and
 * inner values in its own forms ({@code java.sql.Timestamp}, {@code Blob}, {@code BigInteger},
 * {@code JsonNode}); each converter is built once per column from the parsed type.
 */
final class DuckDbValueConverters
{
    private DuckDbValueConverters() {}

    static ValueConverter forType(DuckDbType type)
    {
        return switch (type.name()) {
            case "BOOLEAN", "TINYINT", "SMALLINT", "UTINYINT", "INTEGER", "USMALLINT", "BIGINT", "UINTEGER",
                    "FLOAT", "DOUBLE", "DECIMAL", "UUID" -> ValueConverter.IDENTITY;
            case "HUGEINT", "UHUGEINT", "UBIGINT" -> JavaValues::decimal38;
            case "BLOB" -> JavaValues::bytes;
            case "DATE" -> JavaValues::localDate;
            case "TIME" -> JavaValues::localTime;
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP_NS" -> JavaValues::localDateTime;
            case "TIMESTAMP WITH TIME ZONE" -> JavaValues::offsetDateTime;
            case "TIME WITH TIME ZONE" -> value -> value instanceof OffsetTime time ? JavaValues.timeWithTimeZone(time) : value.toString();
            case DuckDbType.LIST, DuckDbType.ARRAY -> list(forType(type.child(0)));
            case "MAP" -> map(forType(type.child(0)), forType(type.child(1)));
            case "STRUCT" -> struct(type);
            default -> ValueConverter.TO_STRING;
        };
    }

    private static ValueConverter list(ValueConverter element)
    {
        return value -> {
            Object[] items = value instanceof Array array ? (Object[]) array.getArray() : ((List<?>) value).toArray();
            return convertAll(items, element);
        };
    }

    private static ValueConverter map(ValueConverter key, ValueConverter element)
    {
        return value -> {
            Map<?, ?> source = (Map<?, ?>) value;
            // Keeps DuckDB's entry order.
            Map<Object, Object> result = new LinkedHashMap<>(source.size() * 4 / 3 + 1);
            for (Map.Entry<?, ?> entry : source.entrySet()) {
                result.put(convertNullable(key, entry.getKey()), convertNullable(element, entry.getValue()));
            }
            return result;
        };
    }

    private static ValueConverter struct(DuckDbType type)
    {
        ValueConverter[] fields = new ValueConverter[type.children().size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = forType(type.child(i));
        }
        return value -> {
            Object[] attributes = ((Struct) value).getAttributes();
            if (attributes.length != fields.length) {
                throw new SQLException("Struct has " + attributes.length + " fields, its type " + fields.length);
            }
            Object[] result = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                result[i] = convertNullable(fields[i], attributes[i]);
            }
            return Arrays.asList(result);
        };
    }

    private static List<Object> convertAll(Object[] items, ValueConverter element)
            throws SQLException
    {
        List<Object> result = new ArrayList<>(items.length);
        for (Object item : items) {
            result.add(convertNullable(element, item));
        }
        return result;
    }

    private static Object convertNullable(ValueConverter converter, Object value)
            throws SQLException
    {
        return value == null ? null : converter.convert(value);
    }
}
