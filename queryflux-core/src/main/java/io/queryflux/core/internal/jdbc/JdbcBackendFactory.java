package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.ProviderConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code engine: jdbc}: any engine with a JDBC driver on the class path. Cluster keys: {@code url}
 * (required), {@code user}, {@code password}, {@code properties} (driver properties),
 * {@code validationQuery} (default {@code SELECT 1}) and {@code initSql} (statements run once, on
 * the first connection). Connections open on first use, so a cluster that is down (or a driver that
 * is missing) fails its queries with {@code BACKEND_UNAVAILABLE} instead of the server start.
 * For an in-memory DuckDB database use {@code engine: duckDb}: here every pooled connection to
 * {@code jdbc:duckdb:} would get a database of its own.
 */
public final class JdbcBackendFactory
        implements BackendFactory
{
    static final Duration BORROW_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String name()
    {
        return "jdbc";
    }

    @Override
    public Backend create(ProviderConfig config, BackendContext context)
    {
        String url = config.requiredString("url");
        Optional<String> user = config.string("user");
        Optional<String> password = config.string("password");
        Properties properties = properties(config, "properties");
        String validationQuery = config.string("validationQuery").orElse("SELECT 1");
        List<String> initSql = config.stringList("initSql");
        if (url == null || properties == null) {
            return null;
        }
        if (!url.startsWith("jdbc:")) {
            config.problem("url", "must be a JDBC URL starting with 'jdbc:'");
            return null;
        }
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        // DuckDB's type names say far more than java.sql.Types (unsigned types, timestamp precisions, nesting).
        ColumnMapper columnMapper = url.startsWith("jdbc:duckdb:") ? new DuckDbColumnMapper() : new GenericColumnMapper();
        ConnectionPool pool = new ConnectionPool(
                context.clusterName(),
                new DriverConnectionFactory(url, properties, initSql),
                context.maxRunningQueries(),
                validationQuery.isBlank() ? null : validationQuery,
                BORROW_TIMEOUT);
        return new JdbcBackend(pool, columnMapper);
    }

    /** The string map at {@code key} as driver properties, or {@code null} after reporting a missing value. */
    static Properties properties(ProviderConfig config, String key)
    {
        Properties properties = new Properties();
        boolean valid = true;
        for (Map.Entry<String, String> entry : config.stringMap(key).entrySet()) {
            if (entry.getValue() == null) {
                config.problem(key + "." + entry.getKey(), "must have a value");
                valid = false;
            }
            else {
                properties.setProperty(entry.getKey(), entry.getValue());
            }
        }
        return valid ? properties : null;
    }
}
