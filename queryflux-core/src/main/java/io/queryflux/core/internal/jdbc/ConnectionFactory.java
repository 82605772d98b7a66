package io.queryflux.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the connections of one cluster's pool.
 */
interface ConnectionFactory
        extends AutoCloseable
{
    Connection open()
            throws SQLException;

    /**
     * A description of the target for error messages and logs, free of credentials.
     */
    String describe();

    /** A driver's error message with any credentials of this factory removed. */
    default String sanitize(String message)
    {
        return message == null ? "no message" : message;
    }

    /** Releases what the factory itself holds, after the pool has closed every connection. */
    @Override
    default void close()
            throws SQLException {}
}
