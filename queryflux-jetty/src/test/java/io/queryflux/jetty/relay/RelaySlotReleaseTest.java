package io.queryflux.jetty.relay;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TrinoAssertions.error;
import static io.queryflux.jetty.TrinoAssertions.state;
import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A relayed query holds its group's slot until it ends, and gives it back exactly once, on every
 * way it can end. The group admits one query at a time, so a leaked slot stalls the next query and
 * a doubly released one lets two run.
 */
class RelaySlotReleaseTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static TestingTrinoCoordinator trino;
    private static RelayTestServer server;

    @BeforeAll
    static void start()
    {
        trino = TestingTrinoCoordinator.create();
        server = RelayTestServer.builder(trino)
                .maxRunningQueries(1)
                .trinoHttp("clientTimeout", "1s")
                .trinoHttp("maxWait", "200ms")
                .start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
        trino.close();
    }

    /** The slot is free, and free once: one query runs, a second one waits, until the first ends. */
    @AfterEach
    void slotReleasedExactlyOnce()
            throws Exception
    {
        server.awaitNoRunningQueries(DEADLINE);
        assertThat(server.queued()).isZero();

        Map<String, Object> first = RelayTestServer.json(server.post("block -- capacity check 1"));
        Map<String, Object> second = RelayTestServer.json(server.post("block -- capacity check 2"));
        assertThat(nextUri(first)).as("the first query is relayed at once").startsWith(server.base() + "/v1/statement/queued/");
        assertThat(nextUri(second)).as("the second query waits for the only slot").startsWith(server.base() + "/v1/statement/qf/queued/");
        assertThat(server.running()).isEqualTo(1);
        assertThat(server.queued()).isEqualTo(1);
        assertThat(server.delete(nextUri(second)).statusCode()).isEqualTo(204);
        assertThat(server.delete(nextUri(first)).statusCode()).isEqualTo(204);
        server.awaitNoRunningQueries(DEADLINE);
        RelayTestServer.await("the queue is empty", DEADLINE, () -> server.queued() == 0);
    }

    /** POSTs {@code sql} and follows it until Trino has answered the first executing page; returns that page. */
    private static Map<String, Object> startBlocking(String sql)
            throws Exception
    {
        Map<String, Object> page = RelayTestServer.json(server.post(sql));
        for (int i = 0; i < 2; i++) {
            page = RelayTestServer.json(server.get(nextUri(page)));
        }
        assertThat(nextUri(page)).contains("/v1/statement/executing/");
        assertThat(server.running()).isEqualTo(1);
        return page;
    }

    @Test
    void finalPage()
            throws Exception
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("rows 10 3")) {
            int rows = 0;
            while (results.next()) {
                rows++;
            }
            assertThat(rows).isEqualTo(10);
        }
    }

    @Test
    void failedQuery()
            throws Exception
    {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("fail"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("mismatched input 'fail'");
        }
        List<Map<String, Object>> pages = server.follow(server.post("fail -- raw"));
        Map<String, Object> last = pages.get(pages.size() - 1);
        assertThat(state(last)).isEqualTo("FAILED");
        assertThat(error(last)).containsEntry("errorName", "SYNTAX_ERROR").containsEntry("errorLocation", Map.of("lineNumber", 1L, "columnNumber", 1L));
    }

    @Test
    void deleteOfTheNextUri()
            throws Exception
    {
        Map<String, Object> page = startBlocking("block -- delete next");
        String id = (String) page.get("id");
        String next = nextUri(page);
        HttpResponse<String> deleted = server.delete(next);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(trino.query(id).isCancelled()).isTrue();
        assertThat(trino.requestsFor(id).stream().filter(request -> request.method().equals("DELETE")).map(RecordedRequest::path).toList())
                .containsExactly(URI.create(next).getRawPath());
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void clientGone()
            throws Exception
    {
        Map<String, Object> page = startBlocking("block -- client gone");
        String id = (String) page.get("id");
        // The client stops polling: after clientTimeout (1s) QueryFlux cancels the query on Trino itself.
        RelayTestServer.await("QueryFlux cancels the abandoned query on Trino", DEADLINE, () -> trino.query(id).isCancelled());
        server.awaitNoRunningQueries(DEADLINE);
        assertThat(trino.query(id).deleteCount()).isEqualTo(1);
        RecordedRequest delete = trino.requestsFor(id).stream().filter(request -> request.method().equals("DELETE")).findFirst().orElseThrow();
        assertThat(delete.path()).isEqualTo(URI.create(nextUri(page)).getRawPath());
    }

    @Test
    void deleteOfTheQueryResource()
            throws Exception
    {
        Map<String, Object> page = startBlocking("block -- delete resource");
        String id = (String) page.get("id");
        HttpResponse<String> info = server.get(server.base() + "/v1/query/" + id);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(RelayTestServer.json(info)).containsEntry("queryId", id).containsEntry("state", "RUNNING");

        HttpResponse<String> deleted = server.delete(server.base() + "/v1/query/" + id);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(trino.requests("DELETE", "/v1/query/" + id)).hasSize(1);
        assertThat(trino.query(id).isCancelled()).isTrue();
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void submitRefusedByTrinoWithUnauthorized()
            throws Exception
    {
        assertSubmitRefusalFreesTheSlot(401);
    }

    @Test
    void submitRefusedByTrinoWithForbidden()
            throws Exception
    {
        assertSubmitRefusalFreesTheSlot(403);
    }

    // On a server of its own, so that a leaked slot does not stall the other tests.
    private static void assertSubmitRefusalFreesTheSlot(int status)
            throws Exception
    {
        try (RelayTestServer own = RelayTestServer.builder(trino).maxRunningQueries(1).start()) {
            trino.failNextSubmits(1, status);
            HttpResponse<String> posted = own.post("rows 1 1 -- refused with " + status);
            assertThat(posted.statusCode()).as(posted.body()).isIn(200, status);
            assertThat(RelayTestServer.json(posted)).containsKey("error");
            // Trino created no query: nothing can end it later, so its slot must be free now.
            own.awaitNoRunningQueries(Duration.ofSeconds(5));
        }
        finally {
            trino.failNextSubmits(0, status);
        }
    }

    @Test
    void heartbeatKeepsTheSlot()
            throws Exception
    {
        Map<String, Object> page = startBlocking("block -- heartbeat");
        String id = (String) page.get("id");
        HttpResponse<String> head = server.head(nextUri(page));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(trino.requestsFor(id).stream().filter(request -> request.method().equals("HEAD"))).hasSize(1);
        assertThat(server.running()).isEqualTo(1);
        assertThat(server.delete(nextUri(page)).statusCode()).isEqualTo(204);
    }

    @Test
    void staleTokenDoesNotEndARunningQuery()
            throws Exception
    {
        Map<String, Object> page = startBlocking("block -- stale token");
        String id = (String) page.get("id");
        String current = nextUri(page);
        Map<String, Object> later = RelayTestServer.json(server.get(current));
        // Asking again for a token already passed: Trino answers 410 Gone, but the query still runs there.
        HttpResponse<String> stale = server.get(current.replaceAll("/\\d+$", "/0"));
        assertThat(stale.statusCode()).isEqualTo(410);
        assertThat(trino.query(id).isCancelled()).isFalse();
        assertThat(server.running()).as("the query still runs on Trino, so it still holds its slot").isEqualTo(1);
        assertThat(server.delete(nextUri(later)).statusCode()).isEqualTo(204);
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void unknownTokenDoesNotEndARunningQuery()
            throws Exception
    {
        Map<String, Object> page = startBlocking("block -- unknown token");
        String id = (String) page.get("id");
        HttpResponse<String> unknown = server.get(nextUri(page).replaceAll("/\\d+$", "/99"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(trino.query(id).isCancelled()).isFalse();
        assertThat(server.running()).as("the query still runs on Trino, so it still holds its slot").isEqualTo(1);
        assertThat(server.delete(nextUri(page)).statusCode()).isEqualTo(204);
        server.awaitNoRunningQueries(DEADLINE);
    }
}
