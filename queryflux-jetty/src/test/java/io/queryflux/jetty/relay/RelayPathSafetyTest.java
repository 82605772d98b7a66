package io.queryflux.jetty.relay;

import io.queryflux.jetty.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.relay.RelayAssertions.assertTrinoError;
import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a relayed query's own URIs are forwarded: dotted or encoded segments, unknown query ids and
 * wrong methods are answered by QueryFlux with a JSON 4xx, and Trino never sees them.
 */
class RelayPathSafetyTest
{
    private static TestingTrinoCoordinator trino;
    private static RelayTestServer server;
    private static String queryId;
    private static String slug;
    private static String liveUri;

    @BeforeAll
    static void start()
            throws Exception
    {
        trino = TestingTrinoCoordinator.create();
        server = RelayTestServer.start(trino);
        // A live relayed query, so that its id would be found if a malformed path got that far.
        Map<String, Object> page = RelayTestServer.json(server.post("block -- path safety"));
        queryId = (String) page.get("id");
        slug = trino.query(queryId).slug();
        liveUri = nextUri(page);
    }

    @AfterAll
    static void stop()
            throws Exception
    {
        server.delete(liveUri);
        server.close();
        trino.close();
    }

    private static void assertRejectedWithoutReachingTrino(String method, String target)
            throws Exception
    {
        int before = trino.clientRequests().size();
        TestingServer.RawResponse response = server.raw(method, target);
        if (method.equals("HEAD")) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        }
        else {
            assertTrinoError(response, -1, null);
        }
        List<RecordedRequest> after = trino.clientRequests();
        assertThat(after.subList(before, after.size())).as("requests Trino got for %s %s", method, target).isEmpty();
    }

    @Test
    void dottedSegments()
            throws Exception
    {
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/../../v1/info");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "/" + slug + "/../../../../v1/info");
        assertRejectedWithoutReachingTrino("DELETE", "/v1/statement/executing/" + queryId + "/../../../v1/query/" + queryId);
    }

    @Test
    void singleDotSegment()
            throws Exception
    {
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/queued/" + queryId + "/" + slug + "/./1");
    }

    @Test
    void encodedDotsAndSlashes()
            throws Exception
    {
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "/%2e%2e/%2e%2e/%2e%2e/v1/info");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fv1%2Finfo/1");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "%2F..%2F..%2F..%2Fv1%2Finfo/" + slug + "/1");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "/" + slug + "%2F1");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "/" + slug + "/1%5C..%5C..%5Cinfo");
    }

    @Test
    void otherPathTricks()
            throws Exception
    {
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "/" + slug + "/1;/../../../v1/info");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/" + queryId + "//" + slug + "/1");
        assertRejectedWithoutReachingTrino("GET", "/v1/qf/spooled/" + queryId + "/../../statement/executing/" + queryId + "/" + slug + "/1");
        assertRejectedWithoutReachingTrino("GET", "/v1/qf/spooled/" + queryId + "/download/%2e%2e%2f%2e%2e%2finfo");
        assertRejectedWithoutReachingTrino("GET", "/v1/query/" + queryId + "/../../info");
    }

    @Test
    void unknownQueryIds()
            throws Exception
    {
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/20200101_000000_00000_aaaaa/" + slug + "/1");
        assertRejectedWithoutReachingTrino("DELETE", "/v1/statement/queued/20200101_000000_00000_aaaaa/" + slug + "/1");
        assertRejectedWithoutReachingTrino("HEAD", "/v1/statement/executing/20200101_000000_00000_aaaaa/" + slug + "/1");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/executing/not-a-query-id/" + slug + "/1");
        assertRejectedWithoutReachingTrino("DELETE", "/v1/query/20200101_000000_00000_aaaaa");
        assertRejectedWithoutReachingTrino("GET", "/v1/qf/spooled/20200101_000000_00000_aaaaa/download/seg");
        assertRejectedWithoutReachingTrino("GET", "/v1/statement/other/" + queryId + "/" + slug + "/1");
    }

    @Test
    void methodsOtherThanGetHeadDelete()
            throws Exception
    {
        for (String method : List.of("PUT", "POST", "PATCH")) {
            assertRejectedWithoutReachingTrino(method, URI.create(liveUri).getRawPath());
        }
    }

    @Test
    void theLiveQueryItselfIsStillReachable()
            throws Exception
    {
        // The control: the same query's own URI is relayed.
        int before = trino.clientRequests().size();
        assertThat(server.head(liveUri).statusCode()).isEqualTo(200);
        List<RecordedRequest> after = trino.clientRequests();
        assertThat(after.subList(before, after.size())).hasSize(1);
    }
}
