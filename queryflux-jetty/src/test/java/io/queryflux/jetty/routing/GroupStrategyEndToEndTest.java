package io.queryflux.jetty.routing;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

import static io.queryflux.jetty.routing.TestingQueries.landed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A group's {@code strategy} and {@code weights} from config reach its admission: through trino-jdbc,
 * a weighted group splits queries by its weights and a failover group sends them all to its first
 * cluster. Bad strategy settings fail at startup.
 */
class GroupStrategyEndToEndTest
{
    private static TestingRoutingServer server;

    @BeforeAll
    static void start()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(ClusterGroupConfig.builder("weighted", TestingRoutingBackendFactory.NAME)
                        .property("strategy", "weighted")
                        .property("weights", Map.of("w-1", 3, "w-2", 1))
                        .cluster("w-1", Map.of())
                        .cluster("w-2", Map.of())
                        .build())
                .clusterGroup(ClusterGroupConfig.builder("failover", TestingRoutingBackendFactory.NAME)
                        .property("strategy", "failover")
                        .cluster("f-1", Map.of())
                        .cluster("f-2", Map.of())
                        .build())
                .router("userGroup", Map.of("userToGroup", Map.of("wendy", "weighted")))
                .routingFallback("failover")
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
    void weightedSplitsByTheConfiguredWeights()
            throws Exception
    {
        try (Connection connection = server.connect("wendy", Map.of())) {
            assertThat(spread(connection, 40)).isEqualTo(Map.of("w-1", 30, "w-2", 10));
        }
    }

    @Test
    void failoverSendsEverythingToTheFirstCluster()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of())) {
            assertThat(spread(connection, 20)).isEqualTo(Map.of("f-1", 20));
        }
    }

    @Test
    void badStrategySettingsFailAtStartup()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(ClusterGroupConfig.builder("g", TestingRoutingBackendFactory.NAME)
                        .property("strategy", "random")
                        .property("weights", Map.of("g-1", 0, "nope", 2))
                        .property("circuitBreaker", Map.of("failureRateThreshold", "1.5", "backoff", "10s", "maxBackoff", "5s"))
                        .property("healthCheck", Map.of("interval", "0s"))
                        .cluster("g-1", Map.of())
                        .build())
                .routingFallback("g")
                .build();

        assertThatThrownBy(() -> QueryFlux.builder().config(config).backendFactory(new TestingRoutingBackendFactory()).build())
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("clusterGroups.g.strategy must be one of roundRobin, leastLoaded, failover, weighted, not 'random'")
                .hasMessageContaining("clusterGroups.g.weights.g-1 must be a positive integer, not '0'")
                .hasMessageContaining("clusterGroups.g.weights.nope is not a cluster of this group")
                .hasMessageContaining("failureRateThreshold must be a number in (0, 1]")
                .hasMessageContaining("maxBackoff must be >= backoff")
                .hasMessageContaining("interval must be > 0");
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
