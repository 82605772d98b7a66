package io.queryflux.jetty;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.testing.TestingBackendFactory;
import io.queryflux.core.testing.TestingJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * QueryFlux on an ephemeral port for a test, with a raw HTTP client and trino-jdbc connections.
 */
public final class TestingServer
        implements AutoCloseable
{
    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(60);

    private final QueryFluxServer server;
    private final TestingBackendFactory backend;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestingServer(QueryFluxServer server, TestingBackendFactory backend)
    {
        this.server = server;
        this.backend = backend;
    }

    public static TestingServer start(QueryFluxConfig config)
    {
        TestingBackendFactory backend = new TestingBackendFactory();
        QueryFlux queryFlux = QueryFlux.builder().config(config).backendFactory(backend).build();
        return new TestingServer(QueryFluxServer.builder(queryFlux).host("127.0.0.1").port(0).start(), backend);
    }

    public URI uri()
    {
        return server.uri();
    }

    public QueryFlux queryFlux()
    {
        return server.queryFlux();
    }

    public TestingBackendFactory backend()
    {
        return backend;
    }

    public String jdbcUrl()
    {
        return "jdbc:trino://127.0.0.1:" + server.port();
    }

    public Connection connect()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "test");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    public HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException
    {
        // A bounded wait: a server that never answers fails the test instead of hanging the build.
        return http.send(request.header("X-Trino-User", "test").timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String sql)
            throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(uri().resolve("/v1/statement")).POST(HttpRequest.BodyPublishers.ofString(sql)));
    }

    public HttpResponse<String> get(String uri)
            throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    public HttpResponse<String> head(String uri)
            throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(uri)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> delete(String uri)
            throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(uri)).DELETE());
    }

    /** Sends {@code method} to a path of this server, e.g. {@code request("PUT", "/v1/statement", "x")}. */
    public HttpResponse<String> request(String method, String path, String body)
            throws IOException, InterruptedException
    {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(uri().resolve(path)).method(method, publisher));
    }

    /** GET {@code uri} with the body as bytes, for comparing repeated answers byte for byte. */
    public HttpResponse<byte[]> getBytes(String uri)
            throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("X-Trino-User", "test").timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Sends {@code method target} over a plain socket, exactly as written (no client-side
     * normalization of the request target), and reads the whole response.
     */
    public RawResponse raw(String method, String target)
            throws IOException
    {
        return RawResponse.send(uri(), method, target, Map.of("X-Trino-User", "test"));
    }

    /** A response read off a socket by {@link #raw}. */
    public record RawResponse(int status, Map<String, String> headers, String body)
    {
        /** Sends {@code method target} with {@code headers} over a new socket and reads the whole response. */
        public static RawResponse send(URI server, String method, String target, Map<String, String> headers)
                throws IOException
        {
            try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
                socket.setSoTimeout(30_000);
                StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n"
                        + "Host: " + server.getHost() + ":" + server.getPort() + "\r\n");
                headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
                request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
                socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return parse(new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }

        static RawResponse parse(String text)
        {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IllegalStateException("Not an HTTP response: " + text);
            }
            String[] head = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim(), head[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                body = dechunk(body);
            }
            // Read as bytes (ISO-8859-1) so chunk sizes count bytes; the body itself is UTF-8.
            body = new String(body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
            return new RawResponse(status, headers, body);
        }

        private static String dechunk(String chunked)
        {
            StringBuilder body = new StringBuilder();
            int position = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", position);
                if (lineEnd < 0) {
                    return body.toString();
                }
                int size = Integer.parseInt(chunked.substring(position, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                position = lineEnd + 2 + size + 2;
            }
        }
    }

    public static Map<String, Object> json(HttpResponse<String> response)
    {
        return TestingJson.object(response.body());
    }

    /** Polls {@code condition} every few milliseconds until it holds, failing after {@code timeout}. */
    public static void await(String description, java.time.Duration timeout, java.util.function.BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + description);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + description, e);
            }
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}
