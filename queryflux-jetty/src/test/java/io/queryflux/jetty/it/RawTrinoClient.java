package io.queryflux.jetty.it;

import io.queryflux.core.testing.TestingJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Trino client protocol by hand, for looking at what clients get: POST a statement, follow
 * {@code nextUri} to the end, download what the pages point at.
 */
final class RawTrinoClient
{
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs {@code sql} on {@code server} with extra request headers; returns every page, the first included. */
    List<Map<String, Object>> run(URI server, String sql, Map<String, String> headers)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder post = HttpRequest.newBuilder(server.resolve("/v1/statement"))
                .header("X-Trino-User", QueryFluxOnTrino.USER)
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(sql));
        headers.forEach(post::header);
        HttpResponse<String> response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        List<Map<String, Object>> pages = new ArrayList<>();
        while (true) {
            assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body()).isEqualTo(200);
            Map<String, Object> page = TestingJson.object(response.body());
            pages.add(page);
            String next = (String) page.get("nextUri");
            if (next == null) {
                return pages;
            }
            // Every page sends the client back to the server it talks to, never past it.
            assertThat(URI.create(next).getRawAuthority()).isEqualTo(server.getRawAuthority());
            response = http.send(HttpRequest.newBuilder(URI.create(next))
                            .header("X-Trino-User", QueryFluxOnTrino.USER)
                            .timeout(REQUEST_TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Runs {@code sql} on {@code server} until Trino says it is RUNNING; returns that page, which has a nextUri. */
    Map<String, Object> runUntilRunning(URI server, String sql, Duration timeout)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.resolve("/v1/statement"))
                        .header("X-Trino-User", QueryFluxOnTrino.USER)
                        .timeout(REQUEST_TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(sql))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        while (true) {
            assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body()).isEqualTo(200);
            Map<String, Object> page = TestingJson.object(response.body());
            assertThat(page).as("a page of a query that should run").containsKey("nextUri").doesNotContainKey("error");
            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) page.get("stats");
            if ("RUNNING".equals(stats.get("state"))) {
                return page;
            }
            assertThat(System.nanoTime() - deadline).as("query %s RUNNING within %s", page.get("id"), timeout).isNegative();
            response = send("GET", (String) page.get("nextUri"));
        }
    }

    /** Sends {@code method} (GET, HEAD, DELETE) to {@code uri} as the test user. */
    HttpResponse<String> send(String method, String uri)
            throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(uri))
                        .header("X-Trino-User", QueryFluxOnTrino.USER)
                        .timeout(REQUEST_TIMEOUT)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code uri} with {@code headers}, the body as bytes. */
    HttpResponse<byte[]> get(String uri, Map<String, List<String>> headers)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(REQUEST_TIMEOUT).GET();
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
