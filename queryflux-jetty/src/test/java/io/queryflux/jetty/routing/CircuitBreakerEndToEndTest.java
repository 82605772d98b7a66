package io.queryflux.jetty.routing;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.spi.ErrorCode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.queryflux.jetty.routing.TestingQueries.landed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A group's {@code circuitBreaker} settings reach its clusters: through trino-jdbc, engine failures
 * open a cluster's breaker, which then gets no queries; the user's own SQL errors never do.
 */
class CircuitBreakerEndToEndTest
{
    @Test
    void engineFailuresOpenTheBreakerAndUserErrorsDoNot()
            throws Exception
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(ClusterGroupConfig.builder("pool", TestingRoutingBackendFactory.NAME)
                        .maxRunningQueries(4)
                        .capacityWaitTimeout(Duration.ofMinutes(5))
                        // failover: every query goes to pool-1 while its breaker lets it.
                        .property("strategy", "failover")
                        .property("circuitBreaker", Map.of("minimumRequests", 3, "failureRateThreshold", "0.5", "window", "10m", "backoff", "1h", "maxBackoff", "2h"))
                        .cluster("pool-1", Map.of())
                        .cluster("pool-2", Map.of())
                        .build())
                .routingFallback("pool")
                .build();
        try (TestingRoutingServer server = TestingRoutingServer.start(config);
                Connection connection = server.connect("test", Map.of())) {
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> landed(connection, "fail bad sql"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR.code()));
            }
            assertThat(landed(connection, "SELECT 1").cluster()).isEqualTo("pool-1");

            // 1 success and 2 failures: 2 of 3 outcomes failed.
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> landed(connection, "crash"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.BACKEND_ERROR.code()))
                        .hasMessageContaining("pool-1 crashed");
            }
            assertThat(landed(connection, "SELECT 1").cluster()).isEqualTo("pool-2");
            assertThat(landed(connection, "SELECT 2").cluster()).isEqualTo("pool-2");

            // pool-2 breaks too: nothing can take queries, and the client hears so at once.
            assertThatThrownBy(() -> landed(connection, "crash")).hasMessageContaining("pool-2 crashed");
            assertThatThrownBy(() -> landed(connection, "crash")).hasMessageContaining("pool-2 crashed");
            long start = System.nanoTime();
            assertThatThrownBy(() -> landed(connection, "SELECT 3"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.NO_NODES_AVAILABLE.code()))
                    .hasMessageContaining("pool-1: circuit breaker OPEN")
                    .hasMessageContaining("pool-2: circuit breaker OPEN");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
