package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code HEAD nextUri} (the heartbeat of Trino 475+ clients) and client retries of a token.
 */
class HeartbeatAndRetryTest
{
    private static final String UNKNOWN_QUERY_ID = "20200101_000000_00000_abcde";

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        // A short retention, so that a finished query is forgotten within the test.
        server = TestingServer.start(TestingQueryFlux.testingGroup(4, Map.of("targetPageBytes", 4096, "finishedRetention", "500ms")));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void headAnswers200WhileQueryLivesAnd404AfterItIsGone()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("block"));
        String queryId = (String) results.get("id");
        String nextUri = (String) results.get("nextUri");

        HttpResponse<String> head = server.head(nextUri);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        // A heartbeat does not consume the token: the client's next GET still gets it.
        assertThat(server.head(nextUri).statusCode()).isEqualTo(200);
        HttpResponse<String> poll = server.get(nextUri);
        assertThat(poll.statusCode()).isEqualTo(200);
        String afterPoll = (String) TestingServer.json(poll).get("nextUri");
        assertThat(afterPoll).isNotNull();
        assertThat(server.head(afterPoll).statusCode()).isEqualTo(200);

        assertThat(server.delete(afterPoll).statusCode()).isEqualTo(204);
        // Once the cancelled query's retention has passed it is forgotten. (Probed with
        // GET /v1/query/{id}, which unlike HEAD does not count as client activity.)
        TestingServer.await("the cancelled query is forgotten", Duration.ofSeconds(10), () -> queryResourceStatus(queryId) == 404);
        HttpResponse<String> gone = server.head(afterPoll);
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void headOnUnknownQueryIs404()
            throws Exception
    {
        assertThat(server.head(server.uri() + "/v1/statement/qf/executing/" + UNKNOWN_QUERY_ID + "/1").statusCode()).isEqualTo(404);
        assertThat(server.head(server.uri() + "/v1/statement/qf/queued/" + UNKNOWN_QUERY_ID + "/1").statusCode()).isEqualTo(404);
        assertThat(server.head(server.uri() + "/v1/statement/executing/" + UNKNOWN_QUERY_ID + "/y/1").statusCode()).isEqualTo(404);
    }

    @Test
    void headAfterQueryFinishedAndWasForgottenIs404()
            throws Exception
    {
        String lastUri = null;
        Map<String, Object> results = TestingServer.json(server.post("rows 10"));
        String queryId = (String) results.get("id");
        while (results.containsKey("nextUri")) {
            lastUri = (String) results.get("nextUri");
            results = TestingServer.json(server.get(lastUri));
        }
        assertThat(state(results)).isEqualTo("FINISHED");
        assertThat(server.head(lastUri).statusCode()).isEqualTo(200);
        TestingServer.await("the finished query is forgotten", Duration.ofSeconds(10), () -> queryResourceStatus(queryId) == 404);
        assertThat(server.head(lastUri).statusCode()).isEqualTo(404);
    }

    @Test
    void repeatingATokenReservesIdenticalBytesAndLosesNoRows()
            throws Exception
    {
        Map<String, Object> results = TestingServer.json(server.post("rows 2000"));
        // (Rows in the POST reply, if any, are counted too; that they should not be there is PostReplyTest's concern.)
        long rows = results.containsKey("data") ? ((List<?>) results.get("data")).size() : 0;
        int pagesWithData = 0;
        while (results.containsKey("nextUri")) {
            String nextUri = (String) results.get("nextUri");
            HttpResponse<byte[]> first = server.getBytes(nextUri);
            // The client retries (e.g. after a 502 from a proxy): the same token re-serves the same bytes.
            HttpResponse<byte[]> again = server.getBytes(nextUri);
            HttpResponse<byte[]> third = server.getBytes(nextUri);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(third.body()).isEqualTo(first.body());
            results = io.queryflux.core.testing.TestingJson.object(new String(first.body(), java.nio.charset.StandardCharsets.UTF_8));
            if (results.containsKey("data")) {
                List<?> data = (List<?>) results.get("data");
                assertThat(((List<?>) data.get(0)).get(0)).isEqualTo(rows);
                rows += data.size();
                pagesWithData++;
            }
        }
        assertThat(state(results)).isEqualTo("FINISHED");
        assertThat(rows).isEqualTo(2000);
        assertThat(pagesWithData).isGreaterThan(1);
    }

    @Test
    void retryOfTheFinalPageReturnsItAgain()
            throws Exception
    {
        String lastUri = null;
        byte[] lastBody = null;
        Map<String, Object> results = TestingServer.json(server.post("update 3"));
        while (results.containsKey("nextUri")) {
            lastUri = (String) results.get("nextUri");
            lastBody = server.getBytes(lastUri).body();
            results = io.queryflux.core.testing.TestingJson.object(new String(lastBody, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(results.get("updateCount")).isEqualTo(3L);
        HttpResponse<byte[]> retry = server.getBytes(lastUri);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(lastBody);
    }

    private static int queryResourceStatus(String queryId)
    {
        try {
            return server.get(server.uri() + "/v1/query/" + queryId).statusCode();
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
