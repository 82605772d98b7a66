package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static io.queryflux.jetty.TestingConfigs.TESTING_GROUP;
import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code clientTimeout}: a query whose client went away is abandoned, but a client that is still
 * there (waiting in a long poll, or sending HEAD heartbeats while it works through its rows) is not.
 */
class ClientTimeoutTest
{
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        // A poll may wait longer than clientTimeout for its page.
        server = TestingServer.start(TestingQueryFlux.testingGroup(4, Map.of(
                "clientTimeout", CLIENT_TIMEOUT.toMillis() + "ms",
                "maxWait", "2500ms",
                "targetPageBytes", 4096)));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void abandonedQueryIsCancelled()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("rows 10000000"));
        HttpResponse<String> poll = server.get((String) results.get("nextUri"));
        assertThat(state(TestingServer.json(poll))).isEqualTo("RUNNING");

        TestingServer.await("the abandoned query's slot is released", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
        TestingServer.await("the backend stopped", DEADLINE, () -> server.backend().running() == 0);
    }

    @Test
    void headHeartbeatsKeepTheQueryAlive()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("rows 10000000"));
        results = TestingServer.json(server.get((String) results.get("nextUri")));
        String nextUri = (String) results.get("nextUri");

        // The client works through its rows for three client timeouts, sending only heartbeats.
        long end = System.nanoTime() + 3 * CLIENT_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            assertThat(server.head(nextUri).statusCode()).isEqualTo(200);
            // The client's own work between two heartbeats (time passing is the point here, not a condition).
            Thread.sleep(CLIENT_TIMEOUT.toMillis() / 4);
        }

        results = TestingServer.json(server.get(nextUri));
        assertThat(state(results)).isEqualTo("RUNNING");
        assertThat(results).containsKey("data");
        assertThat(server.delete((String) results.get("nextUri")).statusCode()).isEqualTo(204);
        TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
    }

    /**
     * A client parked in a long poll that lasts longer than clientTimeout is waiting, not gone: its
     * query must not be abandoned while it waits.
     */
    @Test
    void clientWaitingInALongPollIsNotAbandoned()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("block"));
        TestingServer.await("the query runs", DEADLINE, () -> server.backend().running() >= 1);

        // Nothing to read: the poll is parked for maxWait (2.5 s), longer than clientTimeout (1 s).
        HttpResponse<String> poll = server.get((String) results.get("nextUri"));

        Map<String, Object> answer = TestingServer.json(poll);
        assertThat(state(answer)).as(poll.body()).isEqualTo("RUNNING");
        assertThat(server.delete((String) answer.get("nextUri")).statusCode()).isEqualTo(204);
        TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
    }
}
