package io.queryflux.core.internal.jdbc;

import java.util.List;
import java.util.Objects;

/**
 * A DuckDB type as {@code ResultSetMetaData#getColumnTypeName} prints it, parsed: a base name
 * ({@code INTEGER}, {@code TIMESTAMP WITH TIME ZONE}, {@code LIST}, ...), its plain arguments (a
 * decimal's precision and scale, a fixed array's size, an enum's values) and its child types (a
 * list's element, a map's key and value, a struct's named fields).
 */
record DuckDbType(String name, List<String> arguments, List<Field> children)
{
    static final String LIST = "LIST";
    static final String ARRAY = "ARRAY";

    DuckDbType
    {
        Objects.requireNonNull(name, "name is null");
        arguments = List.copyOf(arguments);
        children = List.copyOf(children);
    }

    static DuckDbType simple(String name)
    {
        return new DuckDbType(name, List.of(), List.of());
    }

    DuckDbType child(int index)
    {
        return children.get(index).type();
    }

    /** The numeric argument at {@code index}, or {@code fallback} when it is missing or not a number. */
    int intArgument(int index, int fallback)
    {
        if (index >= arguments.size()) {
            return fallback;
        }
        try {
            return Integer.parseInt(arguments.get(index).trim());
        }
        catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A child type; {@code name} is {@code null} for the unnamed children of lists and maps. */
    record Field(String name, DuckDbType type)
    {
        Field
        {
            Objects.requireNonNull(type, "type is null");
        }
    }
}
