package io.queryflux.core.internal.jdbc;

import java.sql.SQLException;

/**
 * Converts a non-null value as a driver returned it (a {@code java.sql.Array}, a
 * {@code java.sql.Struct}, a {@code java.sql.Timestamp}, ...) into the Java form that
 * {@link io.queryflux.spi.TrinoType} documents for its mapped type.
 */
@FunctionalInterface
interface ValueConverter
{
    ValueConverter IDENTITY = value -> value;
    ValueConverter TO_STRING = Object::toString;

    Object convert(Object value)
            throws SQLException;
}
