package io.queryflux.jetty.relay;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TrinoAssertions.state;
import static io.queryflux.jetty.relay.RelayAssertions.assertTrinoError;
import static io.queryflux.jetty.relay.RelayAssertions.data;
import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The relay retries what Trino's clients retry (502/503/504, 429 after {@code Retry-After},
 * connection failures) within {@code relayRetryBudget}, and when Trino cannot be reached or dies
 * the client gets a clear error quickly and the query's slot is freed.
 */
class RelayRetryTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    /** Well under the clients' own patience (JDBC and the CLI give up after minutes). */
    private static final Duration QUICKLY = Duration.ofSeconds(10);
    /** For what should follow at once from a 1 s retry budget running out. */
    private static final Duration SOON = Duration.ofSeconds(5);

    private static TestingTrinoCoordinator trino;
    private static RelayTestServer server;

    @BeforeAll
    static void start()
    {
        trino = TestingTrinoCoordinator.create();
        server = RelayTestServer.builder(trino).trinoHttp("relayRetryBudget", "2s").start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
        trino.close();
    }

    private static List<Integer> statusesAtTrino(String queryId)
    {
        return trino.requestsFor(queryId).stream().filter(request -> request.method().equals("GET")).map(RecordedRequest::status).toList();
    }

    @Test
    void flakyPollsAreRetriedForJdbc()
            throws Exception
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("flaky 3 -- jdbc")) {
            int rows = 0;
            while (results.next()) {
                assertThat(results.getLong("id")).isEqualTo(rows++);
            }
            assertThat(rows).isEqualTo(3);
        }
        String id = trino.queryBySql("flaky 3 -- jdbc").orElseThrow().id();
        assertThat(statusesAtTrino(id)).containsSubsequence(503, 502, 504, 200);
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void flakyPollsAreInvisibleToTheClient()
            throws Exception
    {
        // follow() fails on any status but 200.
        List<Map<String, Object>> pages = server.follow(server.post("flaky 3 -- raw"));
        assertThat(state(pages.get(pages.size() - 1))).isEqualTo("FINISHED");
        assertThat(pages.stream().filter(page -> data(page) != null).mapToInt(page -> data(page).size()).sum()).isEqualTo(3);
        String id = (String) pages.get(0).get("id");
        assertThat(statusesAtTrino(id)).filteredOn(status -> status != 200).containsExactly(503, 502, 504);
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void lostPollAnswerIsRetriedWithTheSameToken()
            throws Exception
    {
        List<Map<String, Object>> pages = server.follow(server.post("lostanswer"));
        assertThat(pages.stream().filter(page -> data(page) != null).flatMap(page -> data(page).stream()).map(row -> row.get(0)).toList())
                .containsExactly(0L, 1L, 2L);
        String id = (String) pages.get(0).get("id");
        assertThat(statusesAtTrino(id)).contains(-1);
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void flakySubmitIsRetried()
            throws Exception
    {
        int postsBefore = trino.posts().size();
        trino.failNextSubmits(2, 503);
        List<Map<String, Object>> pages = server.follow(server.post("rows 2 1 -- flaky submit"));
        assertThat(state(pages.get(pages.size() - 1))).isEqualTo("FINISHED");
        List<RecordedRequest> posts = trino.posts();
        assertThat(posts.subList(postsBefore, posts.size()).stream().map(RecordedRequest::status).toList()).containsExactly(503, 503, 200);
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void lostSubmitAnswerIsNotRetriedSoTheStatementRunsOnce()
            throws Exception
    {
        // Trino created the query but the connection broke before its answer. A retry of the POST
        // would run the statement twice (think INSERT), so QueryFlux does what Trino's own clients
        // do: it reports the failure and leaves the unanswered query to Trino's abandoned-query
        // timeout, as nobody knows its id.
        String sql = "block -- lost submit answer";
        trino.dropNextSubmitAnswers(1);
        HttpResponse<String> posted = server.post(sql);
        List<TestingTrinoCoordinator.FakeQuery> created = trino.queryIds().stream().map(trino::query).filter(query -> query.sql().equals(sql)).toList();

        assertThat(created).as("queries Trino created for one client statement").hasSize(1);
        assertThat(posted.statusCode()).isEqualTo(200);
        Map<String, Object> results = RelayTestServer.json(posted);
        assertThat(results).doesNotContainKey("nextUri");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) results.get("error");
        assertThat(error).containsEntry("errorName", "BACKEND_UNAVAILABLE");
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void rateLimitIsHonouredAfterRetryAfter()
            throws Exception
    {
        List<Map<String, Object>> pages = server.follow(server.post("ratelimit"));
        assertThat(state(pages.get(pages.size() - 1))).isEqualTo("FINISHED");
        String id = (String) pages.get(0).get("id");
        List<RecordedRequest> polls = trino.requestsFor(id).stream().filter(request -> request.method().equals("GET")).toList();
        int limited = polls.stream().map(RecordedRequest::status).toList().indexOf(429);
        assertThat(limited).isNotNegative();
        RecordedRequest retry = polls.get(limited + 1);
        assertThat(retry.path()).isEqualTo(polls.get(limited).path());
        assertThat(TimeUnit.NANOSECONDS.toMillis(retry.receivedNanos() - polls.get(limited).receivedNanos()))
                .as("delay before the retry of a 429 with Retry-After: 1")
                .isGreaterThanOrEqualTo(950);
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void exhaustedRetryBudgetFailsTheQueryAndFreesTheSlot()
            throws Exception
    {
        try (RelayTestServer budget = RelayTestServer.builder(trino).trinoHttp("relayRetryBudget", "1s").start()) {
            HttpResponse<String> posted = budget.post("flaky 1000 -- budget raw");
            assertThat(posted.statusCode()).isEqualTo(200);
            long start = System.nanoTime();
            HttpResponse<String> poll = budget.get(nextUri(RelayTestServer.json(posted)));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
            budget.awaitNoRunningQueries(DEADLINE);
            // 200 + FAILED, as Trino reports a failed query: a 5xx would make JDBC and the CLI retry for minutes.
            Map<String, Object> error = assertTrinoError(poll, 200, "BACKEND_UNAVAILABLE");
            assertThat(RelayTestServer.json(poll)).containsEntry("id", RelayTestServer.json(posted).get("id"));
            assertThat(error).isNotNull();
        }
    }

    @Test
    void exhaustedRetryBudgetFailsJdbcQuickly()
    {
        try (RelayTestServer budget = RelayTestServer.builder(trino).trinoHttp("relayRetryBudget", "1s").start()) {
            assertTimeoutPreemptively(QUICKLY, () -> {
                try (Connection connection = budget.connect(); Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> {
                        try (ResultSet results = statement.executeQuery("flaky 1000 -- budget jdbc")) {
                            while (results.next()) {
                                // drain
                            }
                        }
                    }).isInstanceOf(SQLException.class);
                }
            }, "JDBC should fail well within its own timeout once QueryFlux's retry budget is spent");
            budget.awaitNoRunningQueries(DEADLINE);
        }
    }

    @Test
    void exhaustedRetryBudgetCancelsTheQueryOnTrino()
            throws Exception
    {
        try (RelayTestServer budget = RelayTestServer.builder(trino).trinoHttp("relayRetryBudget", "1s").start()) {
            HttpResponse<String> posted = budget.post("flaky 1000 -- budget cancel");
            String id = (String) RelayTestServer.json(posted).get("id");
            budget.get(nextUri(RelayTestServer.json(posted)));
            budget.awaitNoRunningQueries(DEADLINE);
            // QueryFlux gave up on the query and freed its slot: Trino must not keep running it.
            RelayTestServer.await("QueryFlux cancels the query it gave up on", SOON, () -> trino.query(id).isCancelled());
        }
    }

    @Test
    void exhaustedRetryBudgetAtSubmitIsAFailedQuery()
            throws Exception
    {
        try (RelayTestServer budget = RelayTestServer.builder(trino).trinoHttp("relayRetryBudget", "1s").start()) {
            trino.failNextSubmits(1000, 503);
            HttpResponse<String> posted;
            try {
                posted = budget.post("rows 1 1 -- budget submit");
            }
            finally {
                trino.failNextSubmits(0, 503);
            }
            budget.awaitNoRunningQueries(DEADLINE);
            assertTrinoError(posted, 200, "BACKEND_UNAVAILABLE");
        }
    }

    @Test
    void deadClusterAtSubmit()
            throws Exception
    {
        TestingTrinoCoordinator dead = TestingTrinoCoordinator.create();
        dead.stop();
        try (RelayTestServer toDead = RelayTestServer.builder(dead).trinoHttp("relayRetryBudget", "2s").start()) {
            long start = System.nanoTime();
            HttpResponse<String> posted = toDead.post("rows 1 1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
            toDead.awaitNoRunningQueries(DEADLINE);
            // Found dead by the relay itself, or already by the background health probe.
            Map<String, Object> error = assertTrinoError(posted, 200, null);
            assertThat(error.get("errorName")).isIn("BACKEND_UNAVAILABLE", "NO_NODES_AVAILABLE");
            assertThat((String) error.get("message")).contains("trino-1");

            // JDBC reports it too, quickly.
            assertTimeoutPreemptively(QUICKLY, () -> {
                try (Connection connection = toDead.connect(); Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.executeQuery("rows 1 1"))
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("trino-1");
                }
            });
            toDead.awaitNoRunningQueries(DEADLINE);
        }
        finally {
            dead.close();
        }
    }

    @Test
    void deadClusterAtSubmitWithoutHealthProbe()
            throws Exception
    {
        TestingTrinoCoordinator dead = TestingTrinoCoordinator.create();
        dead.stop();
        try (RelayTestServer toDead = RelayTestServer.builder(dead).healthCheck(false).trinoHttp("relayRetryBudget", "2s").start()) {
            long start = System.nanoTime();
            HttpResponse<String> posted = toDead.post("rows 1 1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
            toDead.awaitNoRunningQueries(DEADLINE);
            Map<String, Object> error = assertTrinoError(posted, 200, "BACKEND_UNAVAILABLE");
            assertThat((String) error.get("message")).contains("trino-1").contains("connection refused");
        }
        finally {
            dead.close();
        }
    }

    @Test
    void clusterThatDiesBetweenQueries()
            throws Exception
    {
        TestingTrinoCoordinator dying = TestingTrinoCoordinator.create();
        try (RelayTestServer relay = RelayTestServer.builder(dying).healthCheck(false).trinoHttp("relayRetryBudget", "2s").start()) {
            assertThat(relay.follow(relay.post("rows 2 1"))).isNotEmpty();
            dying.stop();
            HttpResponse<String> posted = relay.post("rows 1 1");
            relay.awaitNoRunningQueries(DEADLINE);
            assertTrinoError(posted, 200, "BACKEND_UNAVAILABLE");
            dying.start();
            // Back again: queries run.
            assertThat(relay.follow(relay.post("rows 2 1"))).isNotEmpty();
            relay.awaitNoRunningQueries(DEADLINE);
        }
        finally {
            dying.close();
        }
    }

    @Test
    void deathMidQueryFailsJdbcAndFreesTheSlot()
    {
        assertTimeoutPreemptively(QUICKLY, () -> {
            try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> {
                    try (ResultSet results = statement.executeQuery("die -- jdbc")) {
                        while (results.next()) {
                            // drain
                        }
                    }
                }).isInstanceOf(SQLException.class);
            }
        });
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void deathMidQueryCutsTheBodyForRawClients()
            throws Exception
    {
        HttpResponse<String> posted = server.post("die -- raw");
        String next = nextUri(RelayTestServer.json(posted));
        next = nextUri(RelayTestServer.json(server.get(next))); // queued/1
        next = nextUri(RelayTestServer.json(server.get(next))); // first data page
        String dying = next;
        boolean cut;
        try {
            HttpResponse<String> page = server.get(dying);
            // An I/O error, a body that is not a whole JSON document, or a Trino error without nextUri.
            cut = page.statusCode() != 200 || !isJson(page.body())
                    || (RelayTestServer.json(page).get("error") != null && RelayTestServer.json(page).get("nextUri") == null);
        }
        catch (IOException | UncheckedIOException e) {
            cut = true;
        }
        assertThat(cut).as("the client notices the cut page").isTrue();
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void deathMidPageIsAWellFormedErrorNotACutBody()
            throws Exception
    {
        // Trino dies while sending a page. Nothing of it has reached the client yet (the page is
        // smaller than the response buffer), so the client must get a complete Trino error, never a
        // 200 whose JSON ends half way (which JDBC reports as an invalid response).
        HttpResponse<String> posted = server.post("die -- framing");
        String next = nextUri(RelayTestServer.json(posted));
        next = nextUri(RelayTestServer.json(server.get(next))); // queued/1
        next = nextUri(RelayTestServer.json(server.get(next))); // first data page
        HttpResponse<String> page = null;
        try {
            page = server.get(next);
        }
        catch (IOException cut) {
            // also acceptable: a body already on its way is cut at the connection, visibly
        }
        server.awaitNoRunningQueries(DEADLINE);
        if (page != null) {
            assertThat(isJson(page.body())).as("a complete JSON document: " + page.body()).isTrue();
            Map<String, Object> results = RelayTestServer.json(page);
            assertThat(results).doesNotContainKey("nextUri");
            assertThat(state(results)).isEqualTo("FAILED");
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) results.get("error");
            assertThat(error).containsEntry("errorName", "BACKEND_UNAVAILABLE");
        }
    }

    private static boolean isJson(String body)
    {
        try {
            RelayTestServer.json(body);
            return true;
        }
        catch (RuntimeException e) {
            return false;
        }
    }
}
