package io.queryflux.jetty.jdbc;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.RouterConfig;
import io.queryflux.jetty.TestingServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The real engines of the {@code engine: jdbc} integration tests (PostgreSQL and MariaDB on their
 * default local ports, as on the CI machines) and the QueryFlux configs that reach them.
 */
final class JdbcEngines
{
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";
    static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    static final String MARIADB_USER = "root";

    // Trino's error codes as trino-jdbc reports them in SQLException.getErrorCode().
    static final int SYNTAX_ERROR = 0x0000_0001;
    static final int USER_CANCELED = 0x0000_0003;
    static final int TABLE_NOT_FOUND = 0x0000_002E;
    static final int GENERIC_INTERNAL_ERROR = 0x0001_0000;
    static final int NO_NODES_AVAILABLE = 0x0001_0005;

    private JdbcEngines() {}

    static Map<String, Object> postgresCluster()
    {
        return Map.of("url", POSTGRES_URL, "user", POSTGRES_USER);
    }

    static Map<String, Object> mariaDbCluster()
    {
        return Map.of("url", MARIADB_URL, "user", MARIADB_USER);
    }

    static Connection connectPostgres()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", POSTGRES_USER);
        return DriverManager.getConnection(POSTGRES_URL, properties);
    }

    static Connection connectMariaDb()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", MARIADB_USER);
        return DriverManager.getConnection(MARIADB_URL, properties);
    }

    /** One {@code engine: jdbc} group, the routing fallback. */
    static QueryFluxConfig singleGroup(String group, Map<String, Object> cluster)
    {
        return QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(jdbcGroup(group, cluster).build())
                .routingFallback(group)
                .build();
    }

    static ClusterGroupConfig.Builder jdbcGroup(String group, Map<String, Object> cluster)
    {
        return ClusterGroupConfig.builder(group, "jdbc")
                .maxRunningQueries(4)
                .maxQueuedQueries(10)
                .capacityWaitTimeout(Duration.ofSeconds(30))
                .cluster(group + "-1", cluster);
    }

    /** Routes the queries of {@code user} to {@code group}; everything else to {@code fallback}. */
    static QueryFluxConfig routedByUser(List<ClusterGroupConfig> groups, String user, String group, String fallback)
    {
        QueryFluxConfig.Builder builder = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .router(new RouterConfig("userGroup", Map.of("userToGroup", Map.of(user, group))))
                .routingFallback(fallback);
        groups.forEach(builder::clusterGroup);
        return builder.build();
    }

    /** A trino-jdbc connection through QueryFlux as {@code user}. */
    static Connection connectTrino(TestingServer server, String user)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    /** A lower-case identifier unique to this run, so that parallel builds on one engine do not collide. */
    static String uniqueName(String prefix)
    {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }
}
