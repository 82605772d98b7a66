package io.queryflux.spi;

import java.util.Objects;

/**
 * A result column: its name and Trino type.
 */
public record Column(String name, TrinoType type)
{
    public Column
    {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}
