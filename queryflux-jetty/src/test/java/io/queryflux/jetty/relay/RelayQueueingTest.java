package io.queryflux.jetty.relay;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TrinoAssertions.error;
import static io.queryflux.jetty.TrinoAssertions.state;
import static io.queryflux.jetty.relay.RelayAssertions.assertTrinoError;
import static io.queryflux.jetty.relay.RelayAssertions.data;
import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * At capacity a query waits in QueryFlux's own queue (a synthetic QUEUED answer with a
 * {@code /v1/statement/qf/queued/} URI) and is relayed to Trino, in submission order, once a slot
 * frees up; the queue's limits answer with Trino-shaped errors.
 */
class RelayQueueingTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static TestingTrinoCoordinator trino;
    private static RelayTestServer server;
    private final List<String> toCancel = new ArrayList<>();

    @BeforeAll
    static void start()
    {
        trino = TestingTrinoCoordinator.create();
        server = RelayTestServer.builder(trino)
                .maxRunningQueries(1)
                .maxQueuedQueries(3)
                .trinoHttp("maxWait", "200ms")
                .start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
        trino.close();
    }

    @AfterEach
    void cancelLeftovers()
            throws Exception
    {
        for (String uri : toCancel) {
            server.delete(uri);
        }
        server.awaitNoRunningQueries(DEADLINE);
        RelayTestServer.await("the queue is empty", DEADLINE, () -> server.queued() == 0);
    }

    /** Starts a {@code block} query that takes the only slot; returns its relayed nextUri (to cancel it with). */
    private String occupySlot(RelayTestServer target, String label)
            throws Exception
    {
        Map<String, Object> first = RelayTestServer.json(target.post("block " + label));
        assertThat(nextUri(first)).startsWith(target.base() + "/v1/statement/queued/");
        assertThat(target.running()).isEqualTo(1);
        return nextUri(first);
    }

    private static boolean isQueuedAtQueryFlux(String uri, RelayTestServer target)
    {
        return uri.startsWith(target.base() + "/v1/statement/qf/queued/");
    }

    @Test
    void queuedQueryIsRelayedOnceTheSlotFrees()
            throws Exception
    {
        String running = occupySlot(server, "holder");
        Map<String, Object> queued = RelayTestServer.json(server.post("rows 3 1 -- queued"));
        assertThat(state(queued)).isEqualTo("QUEUED");
        assertThat(queued).doesNotContainKey("data");
        assertThat(nextUri(queued)).startsWith(server.base() + "/v1/statement/qf/queued/");
        assertThat(server.queued()).isEqualTo(1);
        toCancel.add(nextUri(queued));

        // Still waiting: a poll answers QUEUED again, and Trino has not seen the query.
        Map<String, Object> stillQueued = RelayTestServer.json(server.get(nextUri(queued)));
        assertThat(state(stillQueued)).isEqualTo("QUEUED");
        assertThat(isQueuedAtQueryFlux(nextUri(stillQueued), server)).isTrue();
        assertThat(trino.queryBySql("rows 3 1 -- queued")).isEmpty();

        assertThat(server.delete(running).statusCode()).isEqualTo(204);

        String next = nextUri(stillQueued);
        Map<String, Object> page = null;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (isQueuedAtQueryFlux(next, server)) {
            assertThat(System.nanoTime()).as("the queued query is relayed in time").isLessThan(deadline);
            page = RelayTestServer.json(server.get(next));
            next = nextUri(page);
        }
        // The poll that found the slot free was answered with Trino's first page, rewritten.
        TestingTrinoCoordinator.FakeQuery relayed = trino.queryBySql("rows 3 1 -- queued").orElseThrow();
        assertThat(page).containsEntry("id", relayed.id());
        assertThat(next).startsWith(server.base() + "/v1/statement/queued/" + relayed.id() + "/");

        List<Map<String, Object>> pages = server.follow(server.get(next));
        assertThat(pages.stream().filter(each -> data(each) != null).mapToInt(each -> data(each).size()).sum()).isEqualTo(3);
        assertThat(state(pages.get(pages.size() - 1))).isEqualTo("FINISHED");
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void jdbcWaitsInTheQueueThenReadsTrinosRows()
            throws Exception
    {
        String running = occupySlot(server, "holder for jdbc");
        toCancel.add(running);
        CompletableFuture<List<Long>> rows = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = server.connect();
                    Statement statement = connection.createStatement();
                    ResultSet results = statement.executeQuery("rows 50 7 -- jdbc queued")) {
                List<Long> ids = new ArrayList<>();
                while (results.next()) {
                    ids.add(results.getLong("id"));
                }
                return ids;
            }
            catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        RelayTestServer.await("the JDBC query is queued", DEADLINE, () -> server.queued() == 1);
        assertThat(rows).isNotDone();
        assertThat(server.delete(running).statusCode()).isEqualTo(204);
        List<Long> ids = rows.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(ids).hasSize(50);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(i);
        }
    }

    @Test
    void queuedQueriesAreAdmittedInSubmissionOrder()
            throws Exception
    {
        String running = occupySlot(server, "holder for fifo");
        Map<String, String> waiting = new LinkedHashMap<>();
        for (String label : List.of("fifo-a", "fifo-b", "fifo-c")) {
            Map<String, Object> queued = RelayTestServer.json(server.post("block " + label));
            assertThat(isQueuedAtQueryFlux(nextUri(queued), server)).as(label).isTrue();
            waiting.put(label, nextUri(queued));
            toCancel.add(nextUri(queued));
        }
        assertThat(server.queued()).isEqualTo(3);
        assertThat(server.delete(running).statusCode()).isEqualTo(204);

        List<String> admitted = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!waiting.isEmpty()) {
            assertThat(System.nanoTime()).as("all queued queries are admitted in time; admitted so far: " + admitted).isLessThan(deadline);
            for (Map.Entry<String, String> entry : List.copyOf(waiting.entrySet())) {
                Map<String, Object> page = RelayTestServer.json(server.get(entry.getValue()));
                String next = nextUri(page);
                if (isQueuedAtQueryFlux(next, server)) {
                    waiting.put(entry.getKey(), next);
                    continue;
                }
                // Relayed: Trino got it. Cancel it on Trino so the next one gets the slot.
                admitted.add(entry.getKey());
                waiting.remove(entry.getKey());
                assertThat(server.delete(next).statusCode()).isEqualTo(204);
            }
        }
        assertThat(admitted).containsExactly("fifo-a", "fifo-b", "fifo-c");
        assertThat(trino.posts().stream().map(RecordedRequest::body).filter(body -> body.startsWith("block fifo-")).toList())
                .containsExactly("block fifo-a", "block fifo-b", "block fifo-c");
    }

    @Test
    void fullQueueRejectsWithQueryQueueFull()
            throws Exception
    {
        toCancel.add(occupySlot(server, "holder for full queue"));
        for (int i = 0; i < 3; i++) {
            Map<String, Object> queued = RelayTestServer.json(server.post("block queued-" + i));
            toCancel.add(nextUri(queued));
        }
        assertThat(server.queued()).isEqualTo(3);
        HttpResponse<String> rejected = server.post("block one too many");
        assertTrinoError(rejected, 200, "QUERY_QUEUE_FULL");
        assertThat(server.queued()).isEqualTo(3);
        assertThat(trino.queryBySql("block one too many")).isEmpty();
    }

    @Test
    void capacityWaitTimeoutFailsTheQueuedQuery()
            throws Exception
    {
        try (RelayTestServer patient = RelayTestServer.builder(trino)
                .maxRunningQueries(1)
                .capacityWaitTimeout(Duration.ofSeconds(1))
                .trinoHttp("maxWait", "200ms")
                .start()) {
            String running = occupySlot(patient, "holder for wait timeout");
            try {
                Map<String, Object> page = RelayTestServer.json(patient.post("rows 1 1 -- waits too long"));
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (nextUri(page) != null) {
                    assertThat(System.nanoTime()).as("the queued query times out in time").isLessThan(deadline);
                    page = RelayTestServer.json(patient.get(nextUri(page)));
                }
                assertThat(state(page)).isEqualTo("FAILED");
                assertThat(error(page)).containsEntry("errorName", "EXCEEDED_TIME_LIMIT");
                assertThat((String) error(page).get("message")).contains("capacityWaitTimeout");
                assertThat(patient.queued()).isZero();
                assertThat(trino.queryBySql("rows 1 1 -- waits too long")).isEmpty();
            }
            finally {
                patient.delete(running);
            }
            patient.awaitNoRunningQueries(DEADLINE);
        }
    }

    @Test
    void deleteOfAQueuedUriLeavesTheQueue()
            throws Exception
    {
        toCancel.add(occupySlot(server, "holder for queued delete"));
        Map<String, Object> queued = RelayTestServer.json(server.post("rows 1 1 -- deleted while queued"));
        assertThat(server.queued()).isEqualTo(1);
        HttpResponse<String> deleted = server.delete(nextUri(queued));
        assertThat(deleted.statusCode()).isEqualTo(204);
        RelayTestServer.await("the cancelled query leaves the queue", DEADLINE, () -> server.queued() == 0);
        assertThat(server.running()).isEqualTo(1);
        assertThat(trino.queryBySql("rows 1 1 -- deleted while queued")).isEmpty();
    }
}
