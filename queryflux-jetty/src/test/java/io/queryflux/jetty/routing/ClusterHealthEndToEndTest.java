package io.queryflux.jetty.routing;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.internal.engine.Cluster;
import io.queryflux.spi.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.routing.TestingQueries.await;
import static io.queryflux.jetty.routing.TestingQueries.landed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clusters that go down and come back, found by the background health check (every 50 ms here):
 * a down cluster gets no queries, with every cluster down a trino-jdbc query fails with
 * NO_NODES_AVAILABLE at once instead of waiting the group's five-minute capacityWaitTimeout, and a
 * cluster that is back gets queries again.
 */
class ClusterHealthEndToEndTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestingRoutingServer server;

    @BeforeAll
    static void start()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(ClusterGroupConfig.builder("pool", TestingRoutingBackendFactory.NAME)
                        .maxRunningQueries(4)
                        .capacityWaitTimeout(Duration.ofMinutes(5))
                        .property("healthCheck", Map.of("interval", "50ms", "timeout", "1s"))
                        .cluster("pool-1", Map.of())
                        .cluster("pool-2", Map.of())
                        .build())
                .routingFallback("pool")
                .build();
        server = TestingRoutingServer.start(config);
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClusterThatIsDownGetsNoQueriesUntilItIsBack()
            throws Exception
    {
        Cluster first = server.cluster("pool", "pool-1");
        Cluster second = server.cluster("pool", "pool-2");
        try (Connection connection = server.connect("test", Map.of())) {
            assertThat(spread(connection, 20)).isEqualTo(Map.of("pool-1", 10, "pool-2", 10));

            server.backend().down("pool-1");
            await("pool-1 is found down", DEADLINE, () -> !first.isHealthy());
            assertThat(first.healthProblem()).isEqualTo("pool-1 is down");
            assertThat(spread(connection, 20)).isEqualTo(Map.of("pool-2", 20));

            // With both down, the query fails at once, long before the five-minute capacity wait.
            server.backend().down("pool-2");
            await("pool-2 is found down", DEADLINE, () -> !second.isHealthy());
            long start = System.nanoTime();
            assertThatThrownBy(() -> landed(connection, "SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.NO_NODES_AVAILABLE.code()))
                    .hasMessageContaining("No cluster of group 'pool' can take queries")
                    .hasMessageContaining("pool-1: unhealthy (pool-1 is down)")
                    .hasMessageContaining("pool-2: unhealthy (pool-2 is down)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            // Raw clients read the same as a failed query.
            HttpResponse<String> response = server.post("SELECT 1", Map.of());
            assertThat(TestingQueries.drain(server, response).error()).containsEntry("errorName", "NO_NODES_AVAILABLE");

            server.backend().up("pool-2");
            await("pool-2 is found healthy", DEADLINE, second::isHealthy);
            assertThat(spread(connection, 20)).isEqualTo(Map.of("pool-2", 20));

            server.backend().up("pool-1");
            await("pool-1 is found healthy", DEADLINE, first::isHealthy);
            assertThat(spread(connection, 20)).isEqualTo(Map.of("pool-1", 10, "pool-2", 10));
        }
        finally {
            server.backend().up("pool-1");
            server.backend().up("pool-2");
        }
    }

    @Test
    void aQueuedQueryFailsAtOnceWhenItsLastClusterGoesDown()
            throws Exception
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(ClusterGroupConfig.builder("single", TestingRoutingBackendFactory.NAME)
                        .maxRunningQueries(1)
                        .capacityWaitTimeout(Duration.ofMinutes(5))
                        .property("healthCheck", Map.of("interval", "50ms", "timeout", "1s"))
                        .cluster("single-1", Map.of())
                        .build())
                .routingFallback("single")
                .build();
        ExecutorService threads = Executors.newCachedThreadPool();
        try (TestingRoutingServer single = TestingRoutingServer.start(config)) {
            // A query that holds the group's only place, and one waiting for it.
            CompletableFuture<TestingQueries.RawResult> holder = CompletableFuture.supplyAsync(() -> {
                try {
                    return TestingQueries.drain(single, single.post("hold", Map.of()));
                }
                catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, threads);
            await("the hold query runs", DEADLINE, () -> single.queryFlux().runningQueries("single") == 1);
            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
                try (Connection connection = single.connect("test", Map.of())) {
                    return landed(connection, "SELECT 1").cluster();
                }
                catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, threads);
            await("the second query waits", DEADLINE, () -> single.queryFlux().queuedQueries("single") == 1);

            single.backend().down("single-1");
            long start = System.nanoTime();

            assertThatThrownBy(() -> waiting.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLException.class)
                    .cause()
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(ErrorCode.NO_NODES_AVAILABLE.code()))
                    .hasMessageContaining("single-1: unhealthy (single-1 is down)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(single.queryFlux().queuedQueries("single")).isZero();

            // The running query is not the health check's to stop: it completes.
            single.backend().releaseHolds();
            assertThat(holder.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).state()).isEqualTo("FINISHED");
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static Map<String, Integer> spread(Connection connection, int queries)
            throws SQLException
    {
        Map<String, Integer> clusters = new TreeMap<>();
        for (int i = 0; i < queries; i++) {
            clusters.merge(landed(connection, "SELECT " + i).cluster(), 1, Integer::sum);
        }
        return clusters;
    }
}
