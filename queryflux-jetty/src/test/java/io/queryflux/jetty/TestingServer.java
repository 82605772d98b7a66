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
        return http.send(request.header("X-Trino-User", "test").build(), HttpResponse.BodyHandlers.ofString());
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

    public static Map<String, Object> json(HttpResponse<String> response)
    {
        return TestingJson.object(response.body());
    }

    @Override
    public void close()
    {
        server.close();
    }
}
