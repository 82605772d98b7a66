package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.queryflux.jetty.TrinoAssertions.assertTrinoError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that are not valid protocol get Trino-shaped JSON errors with a fitting HTTP status,
 * never an HTML page, whether QueryFlux or Jetty itself rejects them.
 */
class BadRequestTest
{
    private static final int MAX_QUERY_BYTES = 100;
    private static final String UNKNOWN_QUERY_ID = "20200101_000000_00000_abcde";

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingQueryFlux.testingGroup(4, Map.of("maxQueryBytes", MAX_QUERY_BYTES, "targetPageBytes", 1024)));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void emptyBody()
            throws Exception
    {
        assertTrinoError(server.post(""), 400, "INVALID_REQUEST");
        assertTrinoError(server.post("  \n "), 400, "INVALID_REQUEST");
    }

    @Test
    void bodyTooLarge()
            throws Exception
    {
        assertTrinoError(server.post("rows " + "1".repeat(MAX_QUERY_BYTES)), 413, "QUERY_TEXT_TOO_LARGE");
        // Exactly at the limit is still accepted.
        String atLimit = "rows 1" + " ".repeat(MAX_QUERY_BYTES - "rows 1".length());
        HttpResponse<String> accepted = server.post(atLimit);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(TrinoAssertions.state(TestingServer.json(accepted))).isNotEqualTo("FAILED");
    }

    @Test
    void unknownQueryId()
            throws Exception
    {
        for (String kind : new String[] {"queued", "executing"}) {
            String uri = server.uri() + "/v1/statement/qf/" + kind + "/" + UNKNOWN_QUERY_ID + "/1";
            assertTrinoError(server.get(uri), 404, "QUERY_NOT_FOUND");
            assertTrinoError(server.delete(uri), 404, "QUERY_NOT_FOUND");
        }
        assertTrinoError(server.get(server.uri() + "/v1/query/" + UNKNOWN_QUERY_ID), 404, "QUERY_NOT_FOUND");
    }

    @Test
    void malformedStatementPaths()
            throws Exception
    {
        for (String path : new String[] {
                "/v1/statement/qf/executing/xyz/1",
                "/v1/statement/qf/executing/" + UNKNOWN_QUERY_ID + "/abc",
                "/v1/statement/qf/executing/" + UNKNOWN_QUERY_ID,
                "/v1/statement/qf/executing/" + UNKNOWN_QUERY_ID + "/1/extra",
                "/v1/statement/qf/executing/" + UNKNOWN_QUERY_ID + "/99999999999999999999999",
                "/v1/statement/executing/" + UNKNOWN_QUERY_ID + "/slug/1",
                "/v1/statement/"}) {
            assertTrinoError(server.get(server.uri() + path), 404, "QUERY_NOT_FOUND");
        }
    }

    @Test
    void staleAndFutureTokens()
            throws Exception
    {
        Map<String, Object> first = TestingServer.json(server.post("rows 1000"));
        String token1 = (String) first.get("nextUri");
        Map<String, Object> second = TestingServer.json(server.get(token1));
        String token2 = (String) second.get("nextUri");
        assertThat(token2).isNotNull().isNotEqualTo(token1);
        assertThat(server.get(token2).statusCode()).isEqualTo(200);

        // An older token than the last one served: that page is gone.
        assertTrinoError(server.get(token1), 410, "PAGE_GONE");
        // A token beyond the next one was never handed out.
        String future = token2.substring(0, token2.lastIndexOf('/') + 1) + "7";
        assertTrinoError(server.get(future), 404, "QUERY_NOT_FOUND");

        server.delete(token2);
    }

    @Test
    void wrongMethods()
            throws Exception
    {
        assertTrinoError(server.request("PUT", "/v1/statement", "rows 1"), 405, "METHOD_NOT_ALLOWED");
        assertTrinoError(server.request("GET", "/v1/statement", null), 405, "METHOD_NOT_ALLOWED");
        assertTrinoError(server.request("DELETE", "/v1/statement", null), 405, "METHOD_NOT_ALLOWED");
        assertTrinoError(server.request("POST", "/v1/info", "x"), 405, "METHOD_NOT_ALLOWED");

        Map<String, Object> results = TestingServer.json(server.post("rows 1"));
        String nextUri = (String) results.get("nextUri");
        assertTrinoError(server.send(HttpRequest.newBuilder(URI.create(nextUri)).POST(HttpRequest.BodyPublishers.ofString("x"))), 405, "METHOD_NOT_ALLOWED");
        assertTrinoError(server.send(HttpRequest.newBuilder(URI.create(nextUri)).PUT(HttpRequest.BodyPublishers.ofString("x"))), 405, "METHOD_NOT_ALLOWED");
        server.delete(nextUri);
    }

    @Test
    void unknownPaths()
            throws Exception
    {
        assertTrinoError(server.request("GET", "/v1/nothing", null), 404, "NOT_FOUND");
        assertTrinoError(server.request("POST", "/v1/nothing", "x"), 404, "NOT_FOUND");
        assertTrinoError(server.request("GET", "/", null), 404, "NOT_FOUND");
        assertTrinoError(server.request("GET", "/ui/query.html", null), 404, "NOT_FOUND");
    }

    @Test
    void encodedTraversalAndPathParameters()
            throws Exception
    {
        for (String target : new String[] {
                "/v1/statement/%2e%2e/%2e%2e/etc",
                "/v1/statement/..;/x",
                "/v1/statement/%2E%2E/info",
                "/v1/statement/qf/executing/..%2f..%2f/1",
                "/v1/statement/qf/executing/%2e%2e/1",
                "/v1/%2e%2e/v1/info",
                "/v1/statement/../../etc/passwd",
                "/v1/statement;x=1"}) {
            TestingServer.RawResponse response = server.raw("GET", target);
            assertThat(response.status()).as(target + " -> " + response).isBetween(400, 499);
            assertTrinoError(response, response.status(), null);
        }
    }

    @Test
    void malformedRequestsJettyRejects()
            throws Exception
    {
        // Invalid percent-encoding and a header section over the 64 KiB limit: Jetty answers these
        // itself, through the JSON error handler.
        TestingServer.RawResponse badEncoding = server.raw("GET", "/v1/statement/%zz");
        assertTrinoError(badEncoding, 400, null);

        HttpResponse<String> hugeHeader = server.send(HttpRequest.newBuilder(server.uri().resolve("/v1/statement"))
                .header("X-Trino-Client-Info", "x".repeat(70 * 1024))
                .POST(HttpRequest.BodyPublishers.ofString("rows 1")));
        assertThat(hugeHeader.statusCode()).as(hugeHeader.body()).isBetween(400, 499);
        assertTrinoError(hugeHeader, hugeHeader.statusCode(), null);
    }

    /**
     * Requests Jetty rejects before they are parsed (bad percent-encoding, a 431) have no scheme or
     * authority; the error document must still not say {@code null://null}.
     */
    @Test
    void errorsJettyAnswersHaveAUsableInfoUri()
            throws Exception
    {
        TestingServer.RawResponse badEncoding = server.raw("GET", "/v1/statement/%zz");
        assertTrinoError(badEncoding, 400, null);
        String infoUri = (String) io.queryflux.core.testing.TestingJson.object(badEncoding.body()).get("infoUri");
        assertThat(infoUri).doesNotContain("null");
        assertThat(URI.create(infoUri).getScheme()).isIn(null, "http");
    }
}
