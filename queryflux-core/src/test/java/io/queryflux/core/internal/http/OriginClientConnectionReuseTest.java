package io.queryflux.core.internal.http;

import io.queryflux.core.internal.http.TestingOrigin.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.queryflux.core.internal.http.TestingOrigin.TIMEOUT;
import static io.queryflux.core.internal.http.TestingOrigin.awaitTrue;
import static io.queryflux.core.internal.http.TestingOrigin.closeWithoutAnswer;
import static io.queryflux.core.internal.http.TestingOrigin.get;
import static io.queryflux.core.internal.http.TestingOrigin.getText;
import static io.queryflux.core.internal.http.TestingOrigin.ok;
import static io.queryflux.core.internal.http.TestingOrigin.resetWithoutAnswer;
import static io.queryflux.core.internal.http.TestingOrigin.respond;
import static io.queryflux.core.internal.http.TestingOrigin.respondThenClose;
import static io.queryflux.core.internal.http.TestingOrigin.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OriginClientConnectionReuseTest
{
    private final AtomicLong ticker = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private TestingOrigin origin;
    private OriginClient client;

    @BeforeEach
    void setUp()
            throws IOException
    {
        origin = new TestingOrigin();
        client = OriginClient.create(origin.uri(), TIMEOUT, ticker::get);
    }

    @AfterEach
    void tearDown()
            throws IOException
    {
        client.close();
        origin.close();
    }

    @Test
    void sequentialRequestsReadToTheEndShareOneConnection()
            throws IOException
    {
        origin.enqueue(
                respond(ok("one")),
                respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"),
                respond(ok("three")));

        assertThat(getText(client, "/1")).isEqualTo("one");
        assertThat(getText(client, "/2")).isEqualTo("two");
        assertThat(postText("/3", "SELECT 3")).isEqualTo("three");

        assertThat(origin.requests()).extracting(RecordedRequest::connection).containsExactly(0, 0, 0);
        assertThat(origin.connectionCount()).isEqualTo(1);
    }

    @Test
    void bodyClosedBeforeItsEndDropsTheConnection()
            throws IOException
    {
        origin.enqueue(respond(ok("0123456789")));

        try (InboundResponse response = get(client, "/partial")) {
            assertThat(response.body().readNBytes(3)).isEqualTo("012".getBytes(StandardCharsets.UTF_8));
        }
        origin.connection(0).awaitClosedByClient();

        assertThat(getText(client, "/next")).isEqualTo("/next");
        assertThat(origin.request(1).connection()).isEqualTo(1);
    }

    @Test
    void chunkedBodyClosedBeforeItsLastChunkDropsTheConnection()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));

        try (InboundResponse response = get(client, "/partial")) {
            // All the data, but not the last chunk that says the body is over.
            assertThat(response.body().readNBytes(5)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
        origin.connection(0).awaitClosedByClient();

        assertThat(getText(client, "/next")).isEqualTo("/next");
        assertThat(origin.request(1).connection()).isEqualTo(1);
    }

    @Test
    void connectionCloseResponseIsNotReused()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));

        assertThat(getText(client, "/close")).isEqualTo("ok");
        origin.connection(0).awaitClosedByClient();

        assertThat(getText(client, "/next")).isEqualTo("/next");
        assertThat(origin.request(1).connection()).isEqualTo(1);
    }

    @Test
    void http10ResponseIsNotReused()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));

        assertThat(getText(client, "/http10")).isEqualTo("ok");
        origin.connection(0).awaitClosedByClient();

        assertThat(getText(client, "/next")).isEqualTo("/next");
        assertThat(origin.request(1).connection()).isEqualTo(1);
    }

    @Test
    void connectionWithBytesBeyondTheFixedBodyIsNotReused()
            throws IOException
    {
        // Read as the answer to the next request, the surplus would be a response to a request never made.
        origin.enqueue(respond(ok("hello") + ok("surplus")));

        assertThat(getText(client, "/surplus")).isEqualTo("hello");
        origin.connection(0).awaitClosedByClient();

        assertThat(getText(client, "/next")).isEqualTo("/next");
        assertThat(origin.request(1).connection()).isEqualTo(1);
    }

    @Test
    void connectionWithBytesBeyondTheChunkedBodyIsNotReused()
            throws IOException
    {
        origin.enqueue(respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + ok("surplus")));

        assertThat(getText(client, "/surplus")).isEqualTo("hello");
        origin.connection(0).awaitClosedByClient();

        assertThat(getText(client, "/next")).isEqualTo("/next");
        assertThat(origin.request(1).connection()).isEqualTo(1);
    }

    @Test
    void getOnAConnectionTheOriginClosedWhileIdleGoesOverANewOne()
            throws IOException
    {
        origin.enqueue(respondThenClose(ok("first")));

        assertThat(getText(client, "/first")).isEqualTo("first");
        origin.connection(0).awaitEnded();

        assertThat(getText(client, "/second")).isEqualTo("/second");
        assertThat(origin.requests()).extracting(RecordedRequest::connection).containsExactly(0, 1);
    }

    @Test
    void getOnAConnectionTheOriginResetsWithoutAnswerIsSentAgain()
            throws IOException
    {
        origin.enqueue(respond(ok("first")), resetWithoutAnswer());

        assertThat(getText(client, "/first")).isEqualTo("first");
        // Safe for a GET: the origin read it, but sending it twice does no more than once.
        assertThat(getText(client, "/again")).isEqualTo("/again");
        assertThat(origin.requests()).extracting(RecordedRequest::target).containsExactly("/first", "/again", "/again");
        assertThat(origin.requests()).extracting(RecordedRequest::connection).containsExactly(0, 0, 1);
    }

    @Test
    void postOnAConnectionTheOriginClosesWithoutAnswerIsNotSentAgain()
            throws IOException
    {
        origin.enqueue(respond(ok("first")), closeWithoutAnswer());

        assertThat(getText(client, "/first")).isEqualTo("first");
        assertThatThrownBy(() -> postText("/v1/statement", "INSERT INTO t VALUES 1"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RequestNotSentException.class);
        // A later request on the same client shows nothing else was sent in between.
        assertThat(getText(client, "/after")).isEqualTo("/after");

        assertThat(origin.requests()).extracting(RecordedRequest::requestLine)
                .containsExactly("GET /first HTTP/1.1", "POST /v1/statement HTTP/1.1", "GET /after HTTP/1.1");
        assertThat(origin.request(1).connection()).isEqualTo(0);
    }

    @Test
    void postOnAConnectionTheOriginResetsWithoutAnswerIsNotSentAgain()
            throws IOException
    {
        origin.enqueue(respond(ok("first")), resetWithoutAnswer());

        assertThat(getText(client, "/first")).isEqualTo("first");
        assertThatThrownBy(() -> postText("/v1/statement", "INSERT INTO t VALUES 1"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RequestNotSentException.class);
        assertThat(getText(client, "/after")).isEqualTo("/after");

        assertThat(origin.requests()).extracting(RecordedRequest::method).containsExactly("GET", "POST", "GET");
    }

    @Test
    void postReusesOnlyAConnectionIdleForLessThanTheShortWindow()
            throws IOException
    {
        assertThat(getText(client, "/first")).isEqualTo("/first");
        ticker.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_900));
        assertThat(postText("/v1/statement", "SELECT 1")).isEqualTo("/v1/statement");
        ticker.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(postText("/v1/statement", "SELECT 2")).isEqualTo("/v1/statement");
        // A GET still takes a connection idle for seconds.
        ticker.addAndGet(TimeUnit.SECONDS.toNanos(5));
        assertThat(getText(client, "/last")).isEqualTo("/last");

        assertThat(origin.requests()).extracting(RecordedRequest::connection).containsExactly(0, 0, 1, 1);
        // The connection the POST passed over stays pooled for idempotent requests.
        assertThat(origin.connection(0).isOpen()).isTrue();
    }

    @Test
    void connectionIdleForTheIdleTimeoutIsClosedAndReplaced()
            throws IOException
    {
        assertThat(getText(client, "/first")).isEqualTo("/first");
        ticker.addAndGet(TimeUnit.SECONDS.toNanos(19));
        assertThat(getText(client, "/second")).isEqualTo("/second");
        ticker.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertThat(getText(client, "/third")).isEqualTo("/third");

        assertThat(origin.requests()).extracting(RecordedRequest::connection).containsExactly(0, 0, 1);
        origin.connection(0).awaitClosedByClient();
    }

    @Test
    void closeClosesIdleConnections()
            throws IOException
    {
        InboundResponse first = get(client, "/first");
        InboundResponse second = get(client, "/second");
        assertThat(text(first)).isEqualTo("/first");
        assertThat(text(second)).isEqualTo("/second");
        assertThat(origin.connections()).allSatisfy(connection -> assertThat(connection.isOpen()).isTrue());

        client.close();

        assertThat(origin.connectionCount()).isEqualTo(2);
        origin.connections().forEach(TestingOrigin.Connection::awaitClosedByClient);
    }

    @Test
    void connectionInUseAtCloseIsClosedWhenItsBodyEnds()
            throws IOException
    {
        try (InboundResponse response = get(client, "/in-flight")) {
            client.close();
            assertThat(text(response)).isEqualTo("/in-flight");
        }

        origin.connection(0).awaitClosedByClient();
    }

    @Test
    void keepsAtMost64IdleConnections()
            throws IOException
    {
        List<InboundResponse> held = new ArrayList<>();
        for (int i = 0; i < 66; i++) {
            held.add(get(client, "/held/" + i));
        }
        assertThat(origin.connectionCount()).isEqualTo(66);
        for (int i = 0; i < held.size(); i++) {
            assertThat(text(held.get(i))).isEqualTo("/held/" + i);
        }
        awaitTrue("two connections beyond the pool are closed", () -> origin.connectionsClosedByClient() == 2);

        // 64 requests held open at once each find a pooled connection; the 65th needs a new one.
        held.clear();
        for (int i = 0; i < 64; i++) {
            held.add(get(client, "/again/" + i));
        }
        assertThat(origin.connectionCount()).isEqualTo(66);
        held.add(get(client, "/one-more"));
        assertThat(origin.connectionCount()).isEqualTo(67);
        for (InboundResponse response : held) {
            response.close();
        }
    }

    private String postText(String target, String body)
            throws IOException
    {
        OutboundRequest request = OutboundRequest.builder("POST", target).body(body.getBytes(StandardCharsets.UTF_8)).build();
        try (InboundResponse response = client.send(request, TIMEOUT)) {
            return text(response);
        }
    }
}
