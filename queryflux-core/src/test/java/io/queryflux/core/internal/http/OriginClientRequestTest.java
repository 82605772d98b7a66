package io.queryflux.core.internal.http;

import io.queryflux.core.internal.http.TestingOrigin.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.queryflux.core.internal.http.TestingOrigin.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

class OriginClientRequestTest
{
    private TestingOrigin origin;
    private OriginClient client;

    @BeforeEach
    void setUp()
            throws IOException
    {
        origin = new TestingOrigin();
        client = OriginClient.create(origin.uri(), TIMEOUT);
    }

    @AfterEach
    void tearDown()
            throws IOException
    {
        client.close();
        origin.close();
    }

    @Test
    void getCarriesHostThenTheGivenHeadersInOrderAndNoBody()
            throws IOException
    {
        send(OutboundRequest.builder("GET", "/v1/statement/executing/q1/abc/1?slug=x%20y")
                .header("X-Trino-User", "alice")
                .header("x-trino-source", "lower case")
                .header("X-Trino-Session", "a=1")
                .header("X-Trino-Session", "b=2")
                .build());

        RecordedRequest request = origin.request(0);
        assertThat(request.requestLine()).isEqualTo("GET /v1/statement/executing/q1/abc/1?slug=x%20y HTTP/1.1");
        assertThat(request.headers()).containsExactly(
                Map.entry("Host", origin.authority()),
                Map.entry("X-Trino-User", "alice"),
                Map.entry("x-trino-source", "lower case"),
                Map.entry("X-Trino-Session", "a=1"),
                Map.entry("X-Trino-Session", "b=2"));
        assertThat(request.body()).isEmpty();
    }

    @Test
    void postCarriesItsBodyAndItsLength()
            throws IOException
    {
        byte[] sql = "SELECT 'é' AS \"ünïcode\"".getBytes(StandardCharsets.UTF_8);
        send(OutboundRequest.builder("POST", "/v1/statement").header("X-Trino-User", "alice").body(sql).build());

        RecordedRequest request = origin.request(0);
        assertThat(request.requestLine()).isEqualTo("POST /v1/statement HTTP/1.1");
        assertThat(request.headerValues("Content-Length")).containsExactly(String.valueOf(sql.length));
        assertThat(request.body()).isEqualTo(sql);
    }

    @Test
    void postWithAnEmptyBodyCarriesAZeroLength()
            throws IOException
    {
        send(OutboundRequest.builder("POST", "/v1/statement").build());
        send(OutboundRequest.builder("POST", "/v1/statement").body(new byte[0]).build());

        assertThat(origin.requests()).allSatisfy(request -> {
            assertThat(request.headerValues("Content-Length")).containsExactly("0");
            assertThat(request.body()).isEmpty();
        });
    }

    @Test
    void bodylessDeleteCarriesNoLength()
            throws IOException
    {
        send(OutboundRequest.builder("DELETE", "/v1/query/q1").build());

        assertThat(origin.request(0).header("Content-Length")).isEmpty();
    }

    @Test
    void callerFramingHeadersAreNotSentTwice()
            throws IOException
    {
        byte[] body = "SELECT 1".getBytes(StandardCharsets.UTF_8);
        send(OutboundRequest.builder("POST", "/v1/statement")
                .header("Host", "trino.example.com")
                .header("content-length", "999")
                .header("Transfer-Encoding", "chunked")
                .header("Connection", "close")
                .header("X-Trino-User", "alice")
                .body(body)
                .build());

        RecordedRequest request = origin.request(0);
        assertThat(request.headerValues("Host")).containsExactly(origin.authority());
        assertThat(request.headerValues("Content-Length")).containsExactly(String.valueOf(body.length));
        assertThat(request.headerValues("Transfer-Encoding")).isEmpty();
        assertThat(request.headerValues("Connection")).isEmpty();
        assertThat(request.headerValues("X-Trino-User")).containsExactly("alice");
        assertThat(request.body()).isEqualTo(body);
    }

    @Test
    void hostNeverCarriesUserInfo()
            throws IOException
    {
        try (OriginClient withUserInfo = OriginClient.create(URI.create("http://admin:secret@" + origin.authority()), TIMEOUT);
                InboundResponse response = withUserInfo.send(OutboundRequest.builder("GET", "/v1/info").build(), TIMEOUT)) {
            response.body().readAllBytes();
        }

        assertThat(origin.request(0).headers()).containsExactly(Map.entry("Host", origin.authority()));
    }

    private void send(OutboundRequest request)
            throws IOException
    {
        try (InboundResponse response = client.send(request, TIMEOUT)) {
            response.body().readAllBytes();
        }
    }
}
