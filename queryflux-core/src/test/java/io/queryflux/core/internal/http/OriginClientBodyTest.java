package io.queryflux.core.internal.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static io.queryflux.core.internal.http.TestingOrigin.CHUNKED_HEAD;
import static io.queryflux.core.internal.http.TestingOrigin.TIMEOUT;
import static io.queryflux.core.internal.http.TestingOrigin.get;
import static io.queryflux.core.internal.http.TestingOrigin.getText;
import static io.queryflux.core.internal.http.TestingOrigin.ok;
import static io.queryflux.core.internal.http.TestingOrigin.respond;
import static io.queryflux.core.internal.http.TestingOrigin.respondThenClose;
import static io.queryflux.core.internal.http.TestingOrigin.text;
import static org.assertj.core.api.Assertions.assertThat;

class OriginClientBodyTest
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
    void readsAContentLengthBody()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\nhello world"));

        try (InboundResponse response = get(client, "/fixed")) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(text(response)).isEqualTo("hello world");
            // The end stays the end.
            assertThat(response.body().read()).isEqualTo(-1);
        }
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers()
            throws IOException
    {
        origin.enqueue(
                respond(CHUNKED_HEAD +
                        "5\r\nhello\r\n" +
                        "1;name=value\r\n,\r\n" +
                        "6 ; ext ; other=\"quoted\"\r\n world\r\n" +
                        "A\r\n0123456789\r\n" +
                        "0\r\nX-Trailer: one\r\nX-Other: two\r\n\r\n"),
                respond(ok("next")));

        assertThat(getText(client, "/chunked")).isEqualTo("hello, world0123456789");
        // Positioned exactly after the trailers: the next response on the same connection reads whole.
        assertThat(getText(client, "/next")).isEqualTo("next");
        assertThat(origin.request(1).connection()).isEqualTo(0);
    }

    @Test
    void readsABodyUntilTheOriginClosesAndDoesNotReuseTheConnection()
            throws IOException
    {
        origin.enqueue(respondThenClose("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the very end"));

        assertThat(getText(client, "/until-close")).isEqualTo("until the very end");
        assertThat(getText(client, "/next")).isEqualTo("/next");
        assertThat(origin.request(1).connection()).isEqualTo(1);
    }

    @Test
    void headResponseHasNoBodyWhateverItsContentLength()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"));

        try (InboundResponse response = client.send(OutboundRequest.builder("HEAD", "/head").build(), TIMEOUT)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).hasValue("100");
            assertThat(response.body().readAllBytes()).isEmpty();
        }
        assertNextRequestReusesTheConnection();
    }

    @Test
    void noContentResponseHasNoBody()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 204 No Content\r\n\r\n"));

        try (InboundResponse response = get(client, "/no-content")) {
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.body().readAllBytes()).isEmpty();
        }
        assertNextRequestReusesTheConnection();
    }

    @Test
    void notModifiedResponseHasNoBodyWhateverItsContentLength()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n"));

        try (InboundResponse response = get(client, "/not-modified")) {
            assertThat(response.status()).isEqualTo(304);
            assertThat(response.body().readAllBytes()).isEmpty();
        }
        assertNextRequestReusesTheConnection();
    }

    @Test
    void emptyContentLengthBodyEndsAtOnce()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));

        try (InboundResponse response = get(client, "/empty")) {
            assertThat(response.body().read()).isEqualTo(-1);
        }
        assertNextRequestReusesTheConnection();
    }

    @Test
    void skipsInterimResponses()
            throws IOException
    {
        origin.enqueue(respond(
                "HTTP/1.1 100 Continue\r\n\r\n" +
                "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n" +
                "HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 5\r\n\r\nfinal"));

        try (InboundResponse response = get(client, "/interim")) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsExactly(Map.entry("X-Final", "yes"), Map.entry("Content-Length", "5"));
            assertThat(text(response)).isEqualTo("final");
        }
        assertNextRequestReusesTheConnection();
    }

    @Test
    void acceptsStatusLinesWithAnyReasonOrNone()
            throws IOException
    {
        origin.enqueue(
                respond("HTTP/1.1 200\r\nContent-Length: 1\r\n\r\na"),
                respond("HTTP/1.1 503 \r\nContent-Length: 1\r\n\r\nb"),
                respond("HTTP/1.1 429 Too Many Requests, says the origin\r\nContent-Length: 1\r\n\r\nc"));

        for (int status : new int[] {200, 503, 429}) {
            try (InboundResponse response = get(client, "/status")) {
                assertThat(response.status()).isEqualTo(status);
                assertThat(text(response)).hasSize(1);
            }
        }
        assertThat(origin.connectionCount()).isEqualTo(1);
    }

    @Test
    void keepsResponseHeadersInOrderAndSpellingAndFindsThemInAnyCase()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\n" +
                "X-Trino-Set-Session: a=1\r\n" +
                "content-type: application/json\r\n" +
                "X-Trino-Set-Session: b=2\r\n" +
                "X-Padded:   spaced value  \r\n" +
                "Content-Length: 2\r\n" +
                "\r\n" +
                "{}"));

        try (InboundResponse response = get(client, "/headers")) {
            assertThat(response.headers()).containsExactly(
                    Map.entry("X-Trino-Set-Session", "a=1"),
                    Map.entry("content-type", "application/json"),
                    Map.entry("X-Trino-Set-Session", "b=2"),
                    Map.entry("X-Padded", "spaced value"),
                    Map.entry("Content-Length", "2"));
            assertThat(response.header("Content-Type")).hasValue("application/json");
            assertThat(response.header("x-trino-set-session")).hasValue("a=1");
            assertThat(response.header("X-Missing")).isEmpty();
            assertThat(text(response)).isEqualTo("{}");
        }
    }

    @Test
    void streamsALargeContentLengthBody()
            throws IOException
    {
        byte[] body = randomBytes(8 * 1024 * 1024 + 13, 1);
        origin.enqueue(respond(concat(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body)));

        try (InboundResponse response = get(client, "/large")) {
            assertThat(readInUnevenPieces(response.body(), 2)).isEqualTo(body);
        }
        assertNextRequestReusesTheConnection();
    }

    @Test
    void streamsALargeChunkedBody()
            throws IOException
    {
        byte[] body = randomBytes(6 * 1024 * 1024 + 7, 3);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(CHUNKED_HEAD.getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(4);
        int offset = 0;
        while (offset < body.length) {
            // From a single byte to chunks larger than the client's read buffer.
            int size = Math.min(body.length - offset, random.nextBoolean() ? 1 + random.nextInt(64) : 1 + random.nextInt(100_000));
            raw.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.write(body, offset, size);
            raw.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            offset += size;
        }
        raw.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        origin.enqueue(respond(raw.toByteArray()));

        try (InboundResponse response = get(client, "/large-chunked")) {
            assertThat(readInUnevenPieces(response.body(), 5)).isEqualTo(body);
        }
        assertNextRequestReusesTheConnection();
    }

    private void assertNextRequestReusesTheConnection()
            throws IOException
    {
        int before = origin.requests().size();
        assertThat(getText(client, "/after")).isEqualTo("/after");
        assertThat(origin.request(before).connection()).isEqualTo(origin.request(before - 1).connection());
    }

    /** Reads with single bytes, small reads and reads larger than the connection's buffer, mixed. */
    private static byte[] readInUnevenPieces(InputStream in, long seed)
            throws IOException
    {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[100_000];
        while (true) {
            int choice = random.nextInt(3);
            if (choice == 0) {
                int b = in.read();
                if (b < 0) {
                    return out.toByteArray();
                }
                out.write(b);
                continue;
            }
            int length = choice == 1 ? 1 + random.nextInt(100) : 16 * 1024 + random.nextInt(buffer.length - 16 * 1024);
            int count = in.read(buffer, 0, length);
            if (count < 0) {
                return out.toByteArray();
            }
            out.write(buffer, 0, count);
        }
    }

    private static byte[] randomBytes(int length, long seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
