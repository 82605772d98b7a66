package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TestingConfigs.TESTING_GROUP;
import static io.queryflux.jetty.TrinoAssertions.error;
import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query's admission slot is released on every way a query can end: success, error, cancel by
 * {@code DELETE nextUri}, a client that stops polling, and cancel while still queued. The group
 * admits one query at a time, so a leaked slot would stall every later query.
 */
class SlotReleaseTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingQueryFlux.testingGroup(1, Map.of(
                "clientTimeout", "1s",
                "maxWait", "200ms",
                "targetPageBytes", 4096)));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @AfterEach
    void slotIsFreeAgain()
            throws Exception
    {
        TestingServer.await("no query running in the group", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
        TestingServer.await("no query inside the backend", DEADLINE, () -> server.backend().running() == 0);
        assertThat(server.queryFlux().queuedQueries(TESTING_GROUP)).isZero();
        // The single slot admits the next query at once.
        assertThat(jdbcRows("rows 3")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void success()
            throws Exception
    {
        assertThat(jdbcRows("rows 5")).hasSize(5);
        assertThat(server.queryFlux().runningQueries(TESTING_GROUP)).isZero();
    }

    @Test
    void failure()
            throws Exception
    {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("fail x"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("x");
        }
        assertThat(server.queryFlux().runningQueries(TESTING_GROUP)).isZero();
    }

    @Test
    void cancelByDeleteOfNextUri()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("block"));
        TestingServer.await("the query runs", DEADLINE, () -> server.backend().running() == 1);
        assertThat(server.queryFlux().runningQueries(TESTING_GROUP)).isEqualTo(1);
        String nextUri = (String) results.get("nextUri");

        HttpResponse<String> delete = server.delete(nextUri);

        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(delete.body()).isEmpty();
        TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
        // The client that polls again learns that its query was cancelled.
        HttpResponse<String> poll = server.get(nextUri);
        assertThat(poll.statusCode()).isEqualTo(200);
        Map<String, Object> after = TestingServer.json(poll);
        assertThat(state(after)).isEqualTo("FAILED");
        assertThat(after).doesNotContainKey("nextUri");
        assertThat(error(after).get("errorName")).isEqualTo("USER_CANCELED");
        // A second DELETE is harmless.
        assertThat(server.delete(nextUri).statusCode()).isIn(204, 404);
    }

    @Test
    void cancelAfterSomePagesWereRead()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("rows 10000000"));
        for (int i = 0; i < 3; i++) {
            results = TestingServer.json(server.get((String) results.get("nextUri")));
        }
        assertThat(state(results)).isEqualTo("RUNNING");
        assertThat(server.delete((String) results.get("nextUri")).statusCode()).isEqualTo(204);
    }

    @Test
    void clientGone()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("rows 10000000"));
        HttpResponse<String> poll = server.get((String) results.get("nextUri"));
        assertThat(poll.statusCode()).isEqualTo(200);
        TestingServer.await("the query runs", DEADLINE, () -> server.backend().running() == 1);

        // The client stops polling: after clientTimeout (1 s) the query is abandoned and its slot freed.
        TestingServer.await("the abandoned query's slot is released", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
        TestingServer.await("the backend stopped", DEADLINE, () -> server.backend().running() == 0);
        // The abandoned query is forgotten (the reaper drops it right after cancelling it).
        String nextUri = (String) TestingServer.json(poll).get("nextUri");
        TestingServer.await("the abandoned query is forgotten", DEADLINE, () -> headStatus(nextUri) == 404);
    }

    @Test
    void clientGoneWhileQueued()
            throws Exception
    {
        // A running query whose client keeps polling holds the slot ...
        Map<String, Object> running = TestingServer.json(server.post("block"));
        TestingServer.await("the first query runs", DEADLINE, () -> server.backend().running() == 1);
        // ... while a second one queues and its client vanishes at once.
        Map<String, Object> queued = TestingServer.json(server.post("rows 1"));
        assertThat(state(queued)).isEqualTo("QUEUED");
        assertThat(server.queryFlux().queuedQueries(TESTING_GROUP)).isEqualTo(1);
        int started = server.backend().started();

        String runningUri = (String) running.get("nextUri");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (server.queryFlux().queuedQueries(TESTING_GROUP) != 0) {
            assertThat(System.nanoTime()).as("the abandoned queued query leaves the queue").isLessThan(deadline);
            // The first client stays alive: each poll parks up to maxWait (200 ms).
            runningUri = (String) TestingServer.json(server.get(runningUri)).get("nextUri");
        }
        assertThat(server.backend().started()).isEqualTo(started);
        assertThat(server.queryFlux().runningQueries(TESTING_GROUP)).isEqualTo(1);
        assertThat(server.delete(runningUri).statusCode()).isEqualTo(204);
    }

    @Test
    void cancelWhileQueued()
            throws Exception
    {
        Map<String, Object> running = TestingServer.json(server.post("block"));
        TestingServer.await("the first query runs", DEADLINE, () -> server.backend().running() == 1);
        int started = server.backend().started();

        Map<String, Object> queued = TestingServer.json(server.post("rows 1"));
        assertThat(state(queued)).isEqualTo("QUEUED");
        String queuedUri = (String) queued.get("nextUri");
        assertThat(queuedUri).contains("/qf/queued/");
        assertThat(server.queryFlux().queuedQueries(TESTING_GROUP)).isEqualTo(1);

        assertThat(server.delete(queuedUri).statusCode()).isEqualTo(204);

        assertThat(server.queryFlux().queuedQueries(TESTING_GROUP)).isZero();
        Map<String, Object> after = TestingServer.json(server.get(queuedUri));
        assertThat(state(after)).isEqualTo("FAILED");
        assertThat(error(after).get("errorName")).isEqualTo("USER_CANCELED");

        // When the running query ends, the cancelled one must not be started in its place.
        assertThat(server.delete((String) running.get("nextUri")).statusCode()).isEqualTo(204);
        TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
        assertThat(server.backend().started()).isEqualTo(started);
    }

    private static int headStatus(String uri)
    {
        try {
            return server.head(uri).statusCode();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> jdbcRows(String sql)
            throws SQLException
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            List<Long> rows = new java.util.ArrayList<>();
            while (resultSet.next()) {
                rows.add(resultSet.getLong(1));
            }
            return rows;
        }
    }
}
