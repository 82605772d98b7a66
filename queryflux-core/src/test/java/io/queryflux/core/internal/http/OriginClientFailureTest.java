package io.queryflux.core.internal.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.queryflux.core.internal.http.TestingOrigin.CHUNKED_HEAD;
import static io.queryflux.core.internal.http.TestingOrigin.TIMEOUT;
import static io.queryflux.core.internal.http.TestingOrigin.closeWithoutAnswer;
import static io.queryflux.core.internal.http.TestingOrigin.get;
import static io.queryflux.core.internal.http.TestingOrigin.getText;
import static io.queryflux.core.internal.http.TestingOrigin.noAnswer;
import static io.queryflux.core.internal.http.TestingOrigin.respond;
import static io.queryflux.core.internal.http.TestingOrigin.respondThenClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OriginClientFailureTest
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
    void contentLengthBodyCutShortFails()
            throws IOException
    {
        origin.enqueue(respondThenClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));

        assertBodyFails();
    }

    @Test
    void untilCloseBodyCutByAResetFails()
            throws Exception
    {
        CountDownLatch partRead = new CountDownLatch(1);
        origin.enqueue((request, exchange) -> {
            exchange.write("HTTP/1.1 200 OK\r\n\r\nabc");
            awaitQuietly(partRead);
            exchange.reset();
        });

        try (InboundResponse response = get(client, "/reset")) {
            InputStream body = response.body();
            assertThat(body.readNBytes(3)).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
            partRead.countDown();
            // Unlike the origin closing, a reset is no end of the body.
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "5\r\nab", // mid-chunk
            "5\r\n", // after a chunk size
            "5\r\nhello", // before the line break after a chunk
            "5\r\nhello\r\n", // before the last chunk
            "5\r\nhello\r\n0", // in the last chunk's size line
            "5\r\nhello\r\n0\r\n", // before the end of the trailers
            "5\r\nhello\r\n0\r\nX-Trailer: 1\r\n", // in the trailers
    })
    void chunkedBodyCutShortFails(String cut)
            throws IOException
    {
        origin.enqueue(respondThenClose(CHUNKED_HEAD + cut));

        assertBodyFails();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "", " ", "0x5", "5 5", "-5", "+5", "-0", "10000000000000000"})
    void malformedChunkSizeFails(String size)
            throws IOException
    {
        // Anything but hex digits: a lenient parse could take "-0" for the last chunk and end the body early.
        origin.enqueue(respondThenClose(CHUNKED_HEAD + size + "\r\nhello\r\n0\r\n\r\n"));

        assertBodyFails();
    }

    @Test
    void chunkWithoutItsLineBreakFails()
            throws IOException
    {
        origin.enqueue(respondThenClose(CHUNKED_HEAD + "5\r\nhelloXX\r\n0\r\n\r\n"));

        assertBodyFails();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "HTTP/2 200 OK", "HTTP/1.1 2x0 OK", "HTTP/1.1 20", "HTTP/1.1  200 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 -99 Oops", "HTTP/1.1 +99 Oops", "HTTP/1.1 099 Oops", "ICY 200 OK"})
    void malformedStatusLineFails(String statusLine)
    {
        // A valid response follows: a lenient parse that took the status line for an interim one would return it.
        origin.enqueue(respond(statusLine + "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));

        assertThatThrownBy(() -> get(client, "/malformed"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("status line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no colon", ": no name", " X-Folded: continued"})
    void malformedHeaderLineFails(String line)
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + line + "\r\n\r\n"));

        assertThatThrownBy(() -> get(client, "/malformed"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "", "1 2"})
    void malformedContentLengthFails(String length)
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\nhello"));

        assertThatThrownBy(() -> get(client, "/malformed"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Content-Length");
    }

    @Test
    void headCutShortFails()
    {
        origin.enqueue(respondThenClose("HTTP/1.1 200 OK\r\nContent-Le"));

        assertThatThrownBy(() -> get(client, "/cut"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RequestNotSentException.class);
    }

    @Test
    void getOnANewConnectionClosedWithoutAnswerFailsWithoutBeingSentAgain()
            throws IOException
    {
        origin.enqueue(closeWithoutAnswer());

        // Only a reused connection can be stale; a new one that fails tells of a failing origin.
        assertThatThrownBy(() -> get(client, "/once"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RequestNotSentException.class);
        assertThat(getText(client, "/after")).isEqualTo("/after");
        assertThat(origin.requests()).extracting(TestingOrigin.RecordedRequest::target).containsExactly("/once", "/after");
    }

    @Test
    void connectFailureIsRequestNotSent()
            throws IOException
    {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (OriginClient unreachable = OriginClient.create(URI.create("http://127.0.0.1:" + port), TIMEOUT)) {
            assertThatThrownBy(() -> unreachable.send(OutboundRequest.builder("POST", "/v1/statement").build(), TIMEOUT))
                    .isInstanceOfSatisfying(RequestNotSentException.class, notSent -> {
                        assertThat(notSent.timedOut()).isFalse();
                        assertThat(notSent).hasCauseInstanceOf(ConnectException.class);
                    });
        }
    }

    @Test
    void silentOriginTimesOutWaitingForTheHead()
    {
        origin.enqueue(noAnswer());

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.send(OutboundRequest.builder("GET", "/silent").build(), Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        origin.connection(0).awaitClosedByClient();
        assertThat(origin.requests()).hasSize(1);
    }

    @Test
    void originSilentMidBodyTimesOut()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));

        try (InboundResponse response = client.send(OutboundRequest.builder("GET", "/stalled").build(), Duration.ofMillis(300))) {
            InputStream body = response.body();
            assertThat(body.readNBytes(3)).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
            long start = System.nanoTime();
            assertThatThrownBy(body::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            // Reading on must not make the cut body look complete.
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        }
        origin.connection(0).awaitClosedByClient();
    }

    @Test
    void bodyClosedBeforeItsEndCannotBeReadToALookalikeEnd()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"));

        InboundResponse response = get(client, "/closed");
        InputStream body = response.body();
        assertThat(body.read()).isEqualTo('0');
        response.close();

        assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> body.read(new byte[10], 0, 10)).isInstanceOf(IOException.class);
    }

    /** Reading the body fails, and so does any read after: a cut body never ends like a whole one. */
    private void assertBodyFails()
            throws IOException
    {
        try (InboundResponse response = get(client, "/cut")) {
            InputStream body = response.body();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> body.read(new byte[16], 0, 16)).isInstanceOf(IOException.class);
        }
        // A failed connection is not pooled.
        assertThat(getText(client, "/after")).isEqualTo("/after");
        assertThat(origin.requests().get(origin.requests().size() - 1).connection()).isEqualTo(origin.connectionCount() - 1);
        assertThat(origin.connectionCount()).isEqualTo(2);
    }

    private static void awaitQuietly(CountDownLatch latch)
    {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
