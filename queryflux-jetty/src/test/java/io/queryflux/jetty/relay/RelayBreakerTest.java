package io.queryflux.jetty.relay;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query Trino reports as FAILED counts against the cluster's circuit breaker by its
 * {@code errorType}: Trino's internal and external failures do, the user's mistakes do not.
 */
class RelayBreakerTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final Map<String, Object> BREAKER = Map.of("minimumRequests", 3, "failureRateThreshold", "0.5", "window", "10m", "backoff", "1h", "maxBackoff", "2h");

    @Test
    void userErrorsLeaveTheBreakerClosed()
            throws Exception
    {
        try (TestingTrinoCoordinator trino = TestingTrinoCoordinator.create();
                RelayTestServer server = RelayTestServer.builder(trino).groupProperty("circuitBreaker", BREAKER).start()) {
            for (int i = 0; i < 5; i++) {
                assertThat(finalPage(server, "fail COLUMN_NOT_FOUND USER_ERROR")).containsEntry("errorName", "COLUMN_NOT_FOUND");
            }
            server.awaitNoRunningQueries(DEADLINE);

            List<Map<String, Object>> pages = server.follow(server.post("rows 2"));
            assertThat(state(pages.get(pages.size() - 1))).isEqualTo("FINISHED");
        }
    }

    @Test
    void trinoInternalErrorsOpenTheBreaker()
            throws Exception
    {
        try (TestingTrinoCoordinator trino = TestingTrinoCoordinator.create();
                RelayTestServer server = RelayTestServer.builder(trino).groupProperty("circuitBreaker", BREAKER).start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(finalPage(server, "fail REMOTE_TASK_ERROR INTERNAL_ERROR")).containsEntry("errorName", "REMOTE_TASK_ERROR");
            }
            server.awaitNoRunningQueries(DEADLINE);
            int postsBefore = trino.posts().size();

            Map<String, Object> refused = finalPage(server, "rows 2");
            assertThat(refused).containsEntry("errorName", "NO_NODES_AVAILABLE");
            assertThat(trino.posts()).as("statements that reached the open cluster").hasSize(postsBefore);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finalPage(RelayTestServer server, String sql)
            throws Exception
    {
        List<Map<String, Object>> pages = server.follow(server.post(sql));
        Map<String, Object> last = pages.get(pages.size() - 1);
        assertThat(state(last)).isEqualTo("FAILED");
        return (Map<String, Object>) last.get("error");
    }
}
