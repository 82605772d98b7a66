package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.spi.TrinoType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Picks the {@link ValueWriter} for a Trino type, following the protocol's value encoding: numbers
 * as JSON numbers (floating point always with a point or exponent, NaN and infinities as strings),
 * decimals and temporal values as strings, varbinary as base64, arrays and rows as JSON arrays,
 * maps as objects with string keys.
 */
final class ValueWriters
{
    private ValueWriters() {}

    static ValueWriter forType(TrinoType type)
    {
        return switch (type.rawType()) {
            case "boolean" -> (generator, value) -> generator.writeBoolean((Boolean) value);
            case "tinyint", "smallint", "integer", "bigint" -> ValueWriters::writeIntegral;
            case "real" -> ValueWriters::writeReal;
            case "double" -> ValueWriters::writeDouble;
            case "decimal" -> decimal((int) type.longArgument(1, 0));
            case "varbinary" -> (generator, value) -> generator.writeBinary((byte[]) value);
            case "date" -> (generator, value) -> generator.writeString(value.toString());
            case "time" -> time((int) type.longArgument(0, 3));
            case "timestamp" -> timestamp((int) type.longArgument(0, 3));
            case "timestamp with time zone" -> timestampWithTimeZone((int) type.longArgument(0, 3));
            case "array" -> array(forType(type.typeArgument(0)));
            case "map" -> map(TemporalText.keyFormatter(type.typeArgument(0)), forType(type.typeArgument(1)));
            case "row" -> row(type);
            default -> (generator, value) -> generator.writeString(value.toString());
        };
    }

    private static void writeIntegral(JsonGenerator generator, Object value)
            throws IOException
    {
        generator.writeNumber(((Number) value).longValue());
    }

    private static void writeReal(JsonGenerator generator, Object value)
            throws IOException
    {
        float number = ((Number) value).floatValue();
        if (Float.isFinite(number)) {
            generator.writeNumber(number);
        }
        else {
            generator.writeString(Float.isNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void writeDouble(JsonGenerator generator, Object value)
            throws IOException
    {
        double number = ((Number) value).doubleValue();
        if (Double.isFinite(number)) {
            generator.writeNumber(number);
        }
        else {
            generator.writeString(Double.isNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static ValueWriter decimal(int scale)
    {
        return (generator, value) -> {
            if (value instanceof BigDecimal decimal) {
                BigDecimal scaled = decimal.scale() == scale ? decimal : decimal.setScale(scale, RoundingMode.HALF_UP);
                generator.writeString(scaled.toPlainString());
            }
            else {
                generator.writeString(value.toString());
            }
        };
    }

    private static ValueWriter time(int precision)
    {
        return (generator, value) -> generator.writeString(value instanceof LocalTime time ? TemporalText.time(time, precision) : value.toString());
    }

    private static ValueWriter timestamp(int precision)
    {
        return (generator, value) -> generator.writeString(value instanceof LocalDateTime timestamp ? TemporalText.timestamp(timestamp, precision) : value.toString());
    }

    private static ValueWriter timestampWithTimeZone(int precision)
    {
        return (generator, value) -> {
            if (value instanceof OffsetDateTime timestamp) {
                // Clients parse a zone id after the space; "UTC" is what Trino itself prints for offset 0.
                LocalDateTime utc = timestamp.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                generator.writeString(TemporalText.timestamp(utc, precision) + " UTC");
            }
            else if (value instanceof ZonedDateTime timestamp) {
                generator.writeString(TemporalText.timestamp(timestamp.toLocalDateTime(), precision) + " " + timestamp.getZone().getId());
            }
            else {
                generator.writeString(value.toString());
            }
        };
    }

    private static ValueWriter array(ValueWriter element)
    {
        return (generator, value) -> {
            generator.writeStartArray();
            for (Object item : iterable(value)) {
                writeNullable(generator, element, item);
            }
            generator.writeEndArray();
        };
    }

    private static ValueWriter map(TemporalText.KeyFormatter key, ValueWriter element)
    {
        return (generator, value) -> {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                generator.writeFieldName(key.format(entry.getKey()));
                writeNullable(generator, element, entry.getValue());
            }
            generator.writeEndObject();
        };
    }

    private static ValueWriter row(TrinoType type)
    {
        List<ValueWriter> fields = new ArrayList<>(type.arguments().size());
        for (int i = 0; i < type.arguments().size(); i++) {
            fields.add(forType(type.typeArgument(i)));
        }
        return (generator, value) -> {
            generator.writeStartArray();
            int index = 0;
            for (Object field : iterable(value)) {
                writeNullable(generator, fields.get(index++), field);
            }
            generator.writeEndArray();
        };
    }

    static void writeNullable(JsonGenerator generator, ValueWriter writer, Object value)
            throws IOException
    {
        if (value == null) {
            generator.writeNull();
        }
        else {
            writer.write(generator, value);
        }
    }

    private static Iterable<?> iterable(Object value)
    {
        if (value instanceof Iterable<?> iterable) {
            return iterable;
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        throw new IllegalArgumentException("Expected a list for an array or row value, got " + value.getClass().getName());
    }
}
