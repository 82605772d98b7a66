package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TestingConfigs.TESTING_GROUP;
import static io.queryflux.jetty.TrinoAssertions.error;
import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll with nothing to read parks up to {@code maxWait} (here 20 s, far beyond the test's
 * deadlines), and is answered as soon as there is news: the query was cancelled, or a queued query
 * got its slot. A client's shorter {@code maxWait} parameter is honoured.
 */
class LongPollTest
{
    private static final Duration SOON = Duration.ofSeconds(8);

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingQueryFlux.testingGroup(1, Map.of("maxWait", "20s")));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void parkedPollIsAnsweredAtOnceWhenTheQueryIsCancelled()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("block"));
        String nextUri = (String) results.get("nextUri");
        TestingServer.await("the query runs", SOON, () -> server.backend().running() == 1);
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> get(nextUri));
        TestingServer.await("the poll is parked", SOON, () -> !poll.isDone() && server.backend().running() == 1);

        assertThat(server.delete(nextUri).statusCode()).isEqualTo(204);

        Map<String, Object> answer = TestingServer.json(poll.get(SOON.toSeconds(), TimeUnit.SECONDS));
        assertThat(state(answer)).isEqualTo("FAILED");
        assertThat(error(answer).get("errorName")).isEqualTo("USER_CANCELED");
        assertThat(answer).doesNotContainKey("nextUri");
        TestingServer.await("the slot is released", SOON, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
    }

    @Test
    void parkedPollOfAQueuedQueryIsAnsweredWhenItGetsItsSlot()
            throws Exception
    {
        Map<String, Object> running = TestingServer.json(server.post("block"));
        TestingServer.await("the first query runs", SOON, () -> server.backend().running() == 1);
        Map<String, Object> queued = TestingServer.json(server.post("rows 3"));
        assertThat(state(queued)).isEqualTo("QUEUED");
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> get((String) queued.get("nextUri")));
        TestingServer.await("the poll of the queued query is parked", SOON, () -> !poll.isDone() && server.queryFlux().queuedQueries(TESTING_GROUP) == 1);

        assertThat(server.delete((String) running.get("nextUri")).statusCode()).isEqualTo(204);

        Map<String, Object> answer = TestingServer.json(poll.get(SOON.toSeconds(), TimeUnit.SECONDS));
        assertThat(state(answer)).isIn("RUNNING", "FINISHED");
        long rows = answer.containsKey("data") ? ((java.util.List<?>) answer.get("data")).size() : 0;
        while (answer.containsKey("nextUri")) {
            answer = TestingServer.json(server.get((String) answer.get("nextUri")));
            rows += answer.containsKey("data") ? ((java.util.List<?>) answer.get("data")).size() : 0;
        }
        assertThat(state(answer)).isEqualTo("FINISHED");
        assertThat(rows).isEqualTo(3);
    }

    @Test
    void clientMaxWaitParameterShortensTheWait()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("block"));
        TestingServer.await("the query runs", SOON, () -> server.backend().running() == 1);

        long start = System.nanoTime();
        HttpResponse<String> poll = server.get(results.get("nextUri") + "?maxWait=200ms");
        long elapsed = System.nanoTime() - start;

        assertThat(poll.statusCode()).isEqualTo(200);
        Map<String, Object> answer = TestingServer.json(poll);
        assertThat(state(answer)).isEqualTo("RUNNING");
        assertThat(Duration.ofNanos(elapsed)).isLessThan(SOON);
        assertThat(server.delete((String) answer.get("nextUri")).statusCode()).isEqualTo(204);
        TestingServer.await("the slot is released", SOON, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
    }

    private static HttpResponse<String> get(String uri)
    {
        try {
            return server.get(uri);
        }
        catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
