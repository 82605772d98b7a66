package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TestingConfigs.TESTING_GROUP;
import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * At {@code maxRunningQueries: 1} a second query waits in the queue, is reported QUEUED to its
 * client, and runs once the first one is done; both return their full results.
 */
class QueueingTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingQueryFlux.testingGroup(1, Map.of("targetPageBytes", 4096, "maxWait", "200ms")));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void rawHttpSeesQueuedThenRunning()
            throws Exception
    {
        // The first query holds the only slot while its client has not read its pages.
        Map<String, Object> first = TestingServer.json(server.post("rows 100000"));
        assertThat(state(first)).isEqualTo("RUNNING");
        assertThat((String) first.get("nextUri")).contains("/qf/executing/");

        Map<String, Object> second = TestingServer.json(server.post("rows 5"));
        assertThat(state(second)).isEqualTo("QUEUED");
        assertThat((String) second.get("nextUri")).contains("/qf/queued/");
        assertThat(second).doesNotContainKey("data");
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) second.get("stats");
        assertThat(stats.get("queued")).isEqualTo(true);
        assertThat(server.queryFlux().queuedQueries(TESTING_GROUP)).isEqualTo(1);

        // A poll of the queued query waits maxWait, then says QUEUED again.
        second = TestingServer.json(server.get((String) second.get("nextUri")));
        assertThat(state(second)).isEqualTo("QUEUED");
        assertThat((String) second.get("nextUri")).contains("/qf/queued/");

        assertThat(readAll(first)).isEqualTo(100000);
        TestingServer.await("the second query is admitted", DEADLINE, () -> server.queryFlux().queuedQueries(TESTING_GROUP) == 0);

        List<String> states = new java.util.ArrayList<>();
        long rows = 0;
        while (second.containsKey("nextUri")) {
            second = TestingServer.json(server.get((String) second.get("nextUri")));
            states.add(state(second));
            if (second.containsKey("data")) {
                rows += ((List<?>) second.get("data")).size();
            }
        }
        assertThat(rows).isEqualTo(5);
        assertThat(states).doesNotContain("QUEUED").last().isEqualTo("FINISHED");
        assertThat(server.backend().peakRunning()).isEqualTo(1);
    }

    @Test
    void jdbcProgressMonitorSeesQueuedAndBothQueriesFinish()
            throws Exception
    {
        try (Connection connection1 = server.connect();
                Statement statement1 = connection1.createStatement();
                ResultSet first = statement1.executeQuery("rows 100000")) {
            // The first query runs and, unread, keeps its slot.
            assertThat(first.next()).isTrue();
            assertThat(first.getLong(1)).isZero();

            List<String> states = new CopyOnWriteArrayList<>();
            CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> {
                try (Connection connection2 = server.connect();
                        Statement statement2 = connection2.createStatement()) {
                    statement2.unwrap(TrinoStatement.class).setProgressMonitor((QueryStats stats) -> states.add(stats.getState()));
                    try (ResultSet resultSet = statement2.executeQuery("rows 7")) {
                        long rows = 0;
                        while (resultSet.next()) {
                            assertThat(resultSet.getLong(1)).isEqualTo(rows);
                            rows++;
                        }
                        return rows;
                    }
                }
                catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });

            TestingServer.await("the second query is queued", DEADLINE, () -> server.queryFlux().queuedQueries(TESTING_GROUP) == 1);
            TestingServer.await("the client saw QUEUED", DEADLINE, () -> states.contains("QUEUED"));
            assertThat(second).isNotDone();

            long rows = 1;
            while (first.next()) {
                assertThat(first.getLong(1)).isEqualTo(rows);
                rows++;
            }
            assertThat(rows).isEqualTo(100000);

            assertThat(second.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(7);
            assertThat(states).contains("QUEUED");
            assertThat(states.get(states.size() - 1)).isEqualTo("FINISHED");
        }
        TestingServer.await("the slot is free", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
    }

    @Test
    void duckDbQueryQueuedBehindAnotherFinishesWithItsRows()
            throws Exception
    {
        try (TestingServer duckDb = TestingServer.start(TestingConfigs.duckDb(1, Map.of("targetPageBytes", 4096)));
                Connection connection1 = duckDb.connect();
                Statement statement1 = connection1.createStatement();
                ResultSet first = statement1.executeQuery("SELECT i FROM range(200000) t(i) ORDER BY i")) {
            // Unread, the first query's producer waits for room and keeps the only slot.
            assertThat(first.next()).isTrue();

            List<String> states = new CopyOnWriteArrayList<>();
            CompletableFuture<List<Object>> second = CompletableFuture.supplyAsync(() -> {
                try (Connection connection2 = duckDb.connect();
                        Statement statement2 = connection2.createStatement()) {
                    statement2.unwrap(TrinoStatement.class).setProgressMonitor((QueryStats stats) -> states.add(stats.getState()));
                    try (ResultSet resultSet = statement2.executeQuery("SELECT 42, 'answer'")) {
                        assertThat(resultSet.next()).isTrue();
                        List<Object> row = List.of(resultSet.getObject(1), resultSet.getObject(2));
                        assertThat(resultSet.next()).isFalse();
                        return row;
                    }
                }
                catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });

            TestingServer.await("the client saw QUEUED", DEADLINE, () -> states.contains("QUEUED"));
            assertThat(duckDb.queryFlux().queuedQueries(TestingConfigs.DUCKDB_GROUP)).isEqualTo(1);
            assertThat(second).isNotDone();

            long rows = 1;
            while (first.next()) {
                assertThat(first.getLong(1)).isEqualTo(rows);
                rows++;
            }
            assertThat(rows).isEqualTo(200000);
            assertThat(second.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).containsExactly(42, "answer");
        }
    }

    private static long readAll(Map<String, Object> results)
            throws Exception
    {
        long rows = 0;
        while (true) {
            // (Rows in the POST reply, if any, are counted too; that they should not be there is PostReplyTest's concern.)
            if (results.containsKey("data")) {
                List<?> data = (List<?>) results.get("data");
                assertThat(((List<?>) data.get(0)).get(0)).isEqualTo(rows);
                rows += data.size();
            }
            if (!results.containsKey("nextUri")) {
                break;
            }
            results = TestingServer.json(server.get((String) results.get("nextUri")));
        }
        assertThat(state(results)).isEqualTo("FINISHED");
        return rows;
    }
}
