package io.queryflux.jetty.it;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.jetty.QueryFluxServer;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * QueryFlux on an ephemeral port with one cluster group {@value #GROUP} ({@code engine: trino})
 * relaying to a real Trino server, and the clients the integration tests compare with going to
 * that server directly.
 */
public final class QueryFluxOnTrino
        implements AutoCloseable
{
    public static final String GROUP = "trino";
    public static final String USER = "test";

    private final QueryFluxServer server;

    private QueryFluxOnTrino(QueryFluxServer server)
    {
        this.server = server;
    }

    public static QueryFluxOnTrino start(TestingTrinoServer trino)
    {
        return start(trino, ClusterGroupConfig.DEFAULT_MAX_RUNNING_QUERIES);
    }

    public static QueryFluxOnTrino start(TestingTrinoServer trino, int maxRunningQueries)
    {
        return start(trino, maxRunningQueries, Map.of());
    }

    /** With settings of the {@code trinoHttp} frontend, e.g. {@code finishedRetention}. */
    public static QueryFluxOnTrino start(TestingTrinoServer trino, int maxRunningQueries, Map<String, Object> trinoHttp)
    {
        ClusterGroupConfig group = ClusterGroupConfig.builder(GROUP, "trino")
                .maxRunningQueries(maxRunningQueries)
                .capacityWaitTimeout(Duration.ofMinutes(2))
                .cluster("trino-1", Map.of("endpoint", trino.uri().toString()))
                .build();
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, trinoHttp))
                .clusterGroup(group)
                .routingFallback(GROUP)
                .build();
        QueryFlux queryFlux = QueryFlux.builder().config(config).build();
        return new QueryFluxOnTrino(QueryFluxServer.builder(queryFlux).host("127.0.0.1").port(0).stopTimeout(Duration.ZERO).start());
    }

    /** The Trino client protocol's base URI of QueryFlux, e.g. for the CLI's {@code --server}. */
    public URI uri()
    {
        return server.uri();
    }

    public String jdbcUrl()
    {
        return "jdbc:trino://127.0.0.1:" + server.port();
    }

    public QueryFlux queryFlux()
    {
        return server.queryFlux();
    }

    public int running()
    {
        return queryFlux().runningQueries(GROUP);
    }

    public int queued()
    {
        return queryFlux().queuedQueries(GROUP);
    }

    /** Waits until QueryFlux holds no slot of the group: every relayed query ended. */
    public void awaitIdle()
    {
        await("no query running in group " + GROUP + " (running: " + running() + ", queued: " + queued() + ")", Duration.ofSeconds(10),
                () -> running() == 0 && queued() == 0);
    }

    public Connection connect()
            throws SQLException
    {
        return connect(jdbcUrl(), new Properties());
    }

    /** A trino-jdbc connection as user {@value #USER} to {@code jdbcUrl} (QueryFlux's or Trino's), with extra properties. */
    public static Connection connect(String jdbcUrl, Properties extra)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.putAll(extra);
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Polls {@code condition} every few milliseconds until it holds, failing after {@code timeout}. */
    public static void await(String description, Duration timeout, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + description);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + description, e);
            }
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}
