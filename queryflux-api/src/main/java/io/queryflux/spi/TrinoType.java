package io.queryflux.spi;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Trino type as the client protocol describes it: a base name ({@code rawType}) and its
 * arguments. {@link #displayName()} is the column's {@code type} ({@code decimal(10, 2)},
 * {@code row(a bigint, b varchar)}) and the record itself is its {@code typeSignature}.
 *
 * <p>Values of each type travel through a {@link ResultSink} as these Java objects:
 * <ul>
 * <li>boolean: {@link Boolean}; tinyint, smallint, integer, bigint: any integral {@link Number};
 * <li>real: {@link Float}; double: {@link Double};
 * <li>decimal: {@link java.math.BigDecimal};
 * <li>varchar, char, json, and any type without a richer mapping: {@link String};
 * <li>varbinary: {@code byte[]};
 * <li>date: {@link java.time.LocalDate}; time: {@link java.time.LocalTime};
 * <li>timestamp: {@link java.time.LocalDateTime};
 * <li>timestamp with time zone: {@link java.time.OffsetDateTime} or {@link java.time.ZonedDateTime};
 * <li>uuid: {@link java.util.UUID} or its string;
 * <li>array: {@link List}; map: {@link java.util.Map}; row: {@link List} of the field values in order.
 * </ul>
 * A value may also be its final string form for any type the protocol encodes as a string.
 */
public record TrinoType(String rawType, List<Argument> arguments)
{
    public static final int UNBOUNDED_VARCHAR_LENGTH = Integer.MAX_VALUE;

    public static final TrinoType BOOLEAN = simple("boolean");
    public static final TrinoType TINYINT = simple("tinyint");
    public static final TrinoType SMALLINT = simple("smallint");
    public static final TrinoType INTEGER = simple("integer");
    public static final TrinoType BIGINT = simple("bigint");
    public static final TrinoType REAL = simple("real");
    public static final TrinoType DOUBLE = simple("double");
    public static final TrinoType VARCHAR = varchar(UNBOUNDED_VARCHAR_LENGTH);
    public static final TrinoType VARBINARY = simple("varbinary");
    public static final TrinoType DATE = simple("date");
    public static final TrinoType UUID = simple("uuid");
    public static final TrinoType JSON = simple("json");
    public static final TrinoType INTERVAL_DAY_TO_SECOND = simple("interval day to second");
    public static final TrinoType INTERVAL_YEAR_TO_MONTH = simple("interval year to month");

    public TrinoType
    {
        Objects.requireNonNull(rawType, "rawType is null");
        arguments = List.copyOf(arguments);
    }

    public static TrinoType simple(String rawType)
    {
        return new TrinoType(rawType, List.of());
    }

    public static TrinoType varchar(int length)
    {
        return new TrinoType("varchar", List.of(Argument.ofLong(length)));
    }

    public static TrinoType charType(int length)
    {
        return new TrinoType("char", List.of(Argument.ofLong(length)));
    }

    public static TrinoType decimal(int precision, int scale)
    {
        return new TrinoType("decimal", List.of(Argument.ofLong(precision), Argument.ofLong(scale)));
    }

    public static TrinoType time(int precision)
    {
        return new TrinoType("time", List.of(Argument.ofLong(precision)));
    }

    public static TrinoType timestamp(int precision)
    {
        return new TrinoType("timestamp", List.of(Argument.ofLong(precision)));
    }

    public static TrinoType timestampWithTimeZone(int precision)
    {
        return new TrinoType("timestamp with time zone", List.of(Argument.ofLong(precision)));
    }

    public static TrinoType array(TrinoType element)
    {
        return new TrinoType("array", List.of(Argument.ofType(element)));
    }

    public static TrinoType map(TrinoType key, TrinoType value)
    {
        return new TrinoType("map", List.of(Argument.ofType(key), Argument.ofType(value)));
    }

    public static TrinoType row(List<Field> fields)
    {
        return new TrinoType("row", fields.stream().map(field -> Argument.ofNamedType(field.name(), field.type())).toList());
    }

    /** The numeric argument at {@code index} (a length, precision or scale), or {@code fallback} when there is none. */
    public long longArgument(int index, long fallback)
    {
        if (index >= arguments.size() || arguments.get(index).kind() != ArgumentKind.LONG) {
            return fallback;
        }
        return arguments.get(index).value();
    }

    /** The type argument at {@code index}: an array's element, a map's key or value, a row's field. */
    public TrinoType typeArgument(int index)
    {
        Argument argument = arguments.get(index);
        if (argument.kind() == ArgumentKind.LONG) {
            throw new IllegalArgumentException(this + " has no type argument at " + index);
        }
        return argument.type();
    }

    /** The type as Trino prints it in a column's {@code type}. */
    public String displayName()
    {
        if (arguments.isEmpty()) {
            return rawType;
        }
        if (rawType.equals("varchar") && longArgument(0, UNBOUNDED_VARCHAR_LENGTH) == UNBOUNDED_VARCHAR_LENGTH) {
            return "varchar";
        }
        if (rawType.startsWith("timestamp") || rawType.startsWith("time")) {
            // "timestamp(3) with time zone": the precision sits after the first word.
            int space = rawType.indexOf(' ');
            String head = space < 0 ? rawType : rawType.substring(0, space);
            String tail = space < 0 ? "" : rawType.substring(space);
            return head + "(" + arguments.get(0).value() + ")" + tail;
        }
        return rawType + arguments.stream().map(Argument::displayName).collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    public String toString()
    {
        return displayName();
    }

    /** A named field of a row type. */
    public record Field(String name, TrinoType type)
    {
        public Field
        {
            Objects.requireNonNull(type, "type is null");
        }
    }

    public enum ArgumentKind
    {
        LONG, TYPE, NAMED_TYPE
    }

    /** One argument of a type signature: a number, a type, or a named type (a row field). */
    public record Argument(ArgumentKind kind, long value, TrinoType type, String fieldName)
    {
        public Argument
        {
            Objects.requireNonNull(kind, "kind is null");
            if (kind != ArgumentKind.LONG) {
                Objects.requireNonNull(type, "type is null");
            }
        }

        public static Argument ofLong(long value)
        {
            return new Argument(ArgumentKind.LONG, value, null, null);
        }

        public static Argument ofType(TrinoType type)
        {
            return new Argument(ArgumentKind.TYPE, 0, type, null);
        }

        public static Argument ofNamedType(String fieldName, TrinoType type)
        {
            return new Argument(ArgumentKind.NAMED_TYPE, 0, type, fieldName);
        }

        String displayName()
        {
            return switch (kind) {
                case LONG -> Long.toString(value);
                case TYPE -> type.displayName();
                case NAMED_TYPE -> fieldName == null ? type.displayName() : quoteIfNeeded(fieldName) + " " + type.displayName();
            };
        }

        private static String quoteIfNeeded(String name)
        {
            return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
        }
    }
}
