package io.queryflux.core.internal.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.queryflux.core.internal.http.TestingOrigin.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

class OriginClientConcurrencyTest
{
    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 50;

    private TestingOrigin origin;
    private OriginClient client;
    private ExecutorService executor;

    @BeforeEach
    void setUp()
            throws IOException
    {
        // Fixed-length and chunked bodies of varied sizes, each telling which request it answers.
        origin = new TestingOrigin((request, exchange) -> {
            String target = request.target();
            int number = Integer.parseInt(target.substring(target.lastIndexOf('/') + 1));
            String body = expectedBody(target, number);
            exchange.write(number % 2 == 0 ? TestingOrigin.ok(body) : chunked(body));
        });
        client = OriginClient.create(origin.uri(), TIMEOUT);
        executor = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void tearDown()
            throws IOException
    {
        executor.shutdownNow();
        client.close();
        origin.close();
    }

    @Test
    void threadsSharingAClientEachGetTheirOwnAnswersOverAtMostOneConnectionEach()
            throws Exception
    {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int threadNumber = thread;
            results.add(executor.submit(() -> {
                start.await();
                List<String> mismatches = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                    String target = "/thread/" + threadNumber + "/" + i;
                    try (InboundResponse response = client.send(OutboundRequest.builder("GET", target).build(), TIMEOUT)) {
                        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                        if (response.status() != 200 || !body.equals(expectedBody(target, i))) {
                            mismatches.add(target + " -> " + response.status() + " " + body);
                        }
                    }
                }
                return mismatches;
            }));
        }
        start.countDown();

        for (Future<List<String>> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(origin.requests()).hasSize(THREADS * REQUESTS_PER_THREAD);
        // Every body was read to its end, so a connection is only opened when all pooled ones are busy.
        assertThat(origin.connectionCount()).isBetween(1, THREADS);
        assertThat(origin.connectionsClosedByClient()).isZero();

        client.close();
        origin.connections().forEach(TestingOrigin.Connection::awaitClosedByClient);
    }

    private static String expectedBody(String target, int number)
    {
        return (target + ";").repeat(1 + number * 37 % 500);
    }

    private static String chunked(String body)
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int offset = 0; offset < bytes.length; offset += 700) {
            int size = Math.min(700, bytes.length - offset);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, offset, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
