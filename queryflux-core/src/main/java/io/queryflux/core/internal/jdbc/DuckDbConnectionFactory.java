package io.queryflux.core.internal.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens DuckDB connections as duplicates of one database connection
 * ({@code DuckDBConnection#duplicate()}, reached by reflection so that the code needs no DuckDB
 * classes). Every duplicate works on the same database instance, which is what makes an in-memory
 * database shared by the whole pool; opening {@code jdbc:duckdb:} again would create a new, empty
 * database instead. The database connection stays open until the backend closes.
 */
final class DuckDbConnectionFactory
        implements ConnectionFactory
{
    private final Connection database;
    private final Method duplicate;
    private final String description;

    DuckDbConnectionFactory(Connection database, String description)
            throws SQLException
    {
        this.database = database;
        this.description = description;
        try {
            this.duplicate = database.getClass().getMethod("duplicate");
        }
        catch (NoSuchMethodException e) {
            throw new SQLException("Not a DuckDB connection: " + database.getClass().getName(), e);
        }
    }

    @Override
    public Connection open()
            throws SQLException
    {
        try {
            return (Connection) duplicate.invoke(database);
        }
        catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sqlException) {
                throw sqlException;
            }
            throw new SQLException("Cannot duplicate the DuckDB connection", e.getCause());
        }
        catch (IllegalAccessException e) {
            throw new SQLException("Cannot duplicate the DuckDB connection", e);
        }
    }

    @Override
    public String describe()
    {
        return description;
    }

    @Override
    public void close()
            throws SQLException
    {
        database.close();
    }
}
