package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.ProviderConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * {@code engine: duckDb}: an embedded DuckDB database. Cluster keys: {@code databasePath}
 * (required; {@code :memory:} for an in-memory database), {@code initSql} (statements run once when
 * the backend starts, e.g. to create a demo schema), {@code properties} (DuckDB settings such as
 * {@code threads} or {@code memory_limit}) and {@code readOnly}. The database opens when the backend
 * is created, so a bad path or a failing {@code initSql} is reported as a config problem.
 */
public final class DuckDbBackendFactory
        implements BackendFactory
{
    private static final String IN_MEMORY = ":memory:";
    // Without it the driver materializes a whole result before the first row.
    private static final String STREAM_RESULTS = "jdbc_stream_results";
    private static final String READ_ONLY = "duckdb.read_only";

    @Override
    public String name()
    {
        return "duckDb";
    }

    @Override
    public Backend create(ProviderConfig config, BackendContext context)
    {
        String path = config.requiredString("databasePath");
        List<String> initSql = config.stringList("initSql");
        Properties properties = JdbcBackendFactory.properties(config, "properties");
        boolean readOnly = config.bool("readOnly", false);
        if (path == null || properties == null) {
            return null;
        }
        boolean inMemory = path.equals(IN_MEMORY);
        if (readOnly && inMemory) {
            config.problem("readOnly", "cannot be true for an in-memory database");
            return null;
        }
        properties.putIfAbsent(STREAM_RESULTS, "true");
        if (readOnly) {
            properties.setProperty(READ_ONLY, "true");
        }
        Connection database;
        try {
            database = DriverManager.getConnection("jdbc:duckdb:" + (inMemory ? "" : path), properties);
        }
        catch (SQLException e) {
            config.problem("databasePath", "cannot be opened: " + SqlErrorClassifier.summary(e));
            return null;
        }
        try {
            if (!runInitSql(config, database, initSql)) {
                database.close();
                return null;
            }
            ConnectionFactory connections = new DuckDbConnectionFactory(database, "DuckDB database " + path);
            ConnectionPool pool = new ConnectionPool(context.clusterName(), connections, context.maxRunningQueries(), null, JdbcBackendFactory.BORROW_TIMEOUT);
            return new JdbcBackend(pool, new DuckDbColumnMapper());
        }
        catch (SQLException e) {
            config.problem("databasePath", "cannot be used: " + SqlErrorClassifier.summary(e));
            closeQuietly(database);
            return null;
        }
    }

    private static boolean runInitSql(ProviderConfig config, Connection database, List<String> initSql)
    {
        for (int i = 0; i < initSql.size(); i++) {
            try (Statement statement = database.createStatement()) {
                statement.execute(initSql.get(i));
            }
            catch (SQLException e) {
                config.problem("initSql[" + i + "]", "failed: " + SqlErrorClassifier.summary(e));
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(Connection connection)
    {
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // Already failing; the config problem says why.
        }
    }
}
