package io.queryflux.jetty.routing;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.internal.engine.Cluster;
import io.queryflux.core.internal.engine.DispatchingQueryEngine;
import io.queryflux.jetty.QueryFluxServer;
import io.queryflux.spi.Frontend;
import io.queryflux.spi.FrontendContext;
import io.queryflux.spi.FrontendFactory;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.ProviderConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * QueryFlux on an ephemeral port with the {@link TestingRoutingBackendFactory} engine (and whatever
 * else the config names, e.g. DuckDB), for routing tests through real clients.
 *
 * <p>A config may list the frontend {@value #REQUEST_LOG} before {@code trinoHttp}: it sees every
 * request first and records its method, path and {@code X-Trino-User}, without answering it.
 */
final class TestingRoutingServer
        implements AutoCloseable
{
    static final String REQUEST_LOG = "requestLog";

    private final QueryFluxServer server;
    private final TestingRoutingBackendFactory backend;
    private final List<String> requests;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestingRoutingServer(QueryFluxServer server, TestingRoutingBackendFactory backend, List<String> requests)
    {
        this.server = server;
        this.backend = backend;
        this.requests = requests;
    }

    static TestingRoutingServer start(QueryFluxConfig config)
    {
        return start(builder -> builder.config(config));
    }

    static TestingRoutingServer start(Path yamlConfig)
    {
        return start(builder -> builder.configFile(yamlConfig));
    }

    /** Starts with a builder that {@code customizer} completes, e.g. with a config and more factories. */
    static TestingRoutingServer start(Consumer<QueryFlux.Builder> customizer)
    {
        TestingRoutingBackendFactory backend = new TestingRoutingBackendFactory();
        List<String> requests = new CopyOnWriteArrayList<>();
        QueryFlux.Builder builder = QueryFlux.builder()
                .backendFactory(backend)
                .frontendFactory(new RequestLogFactory(requests));
        customizer.accept(builder);
        return new TestingRoutingServer(QueryFluxServer.builder(builder.build()).host("127.0.0.1").port(0).start(), backend, requests);
    }

    URI uri()
    {
        return server.uri();
    }

    QueryFlux queryFlux()
    {
        return server.queryFlux();
    }

    TestingRoutingBackendFactory backend()
    {
        return backend;
    }

    /** {@code METHOD path user} of every request so far, when the config lists {@value #REQUEST_LOG}. */
    List<String> requests()
    {
        return List.copyOf(requests);
    }

    /** A cluster as the engine sees it, for its health. */
    Cluster cluster(String group, String cluster)
    {
        return ((DispatchingQueryEngine) queryFlux().engine()).group(group).orElseThrow().clusters().stream()
                .filter(candidate -> candidate.name().equals(cluster))
                .findFirst()
                .orElseThrow();
    }

    String jdbcUrl()
    {
        return "jdbc:trino://127.0.0.1:" + server.port();
    }

    /** A trino-jdbc connection as {@code user}, with further connection properties. */
    Connection connect(String user, Map<String, String> properties)
            throws SQLException
    {
        Properties all = new Properties();
        all.setProperty("user", user);
        properties.forEach(all::setProperty);
        return DriverManager.getConnection(jdbcUrl(), all);
    }

    /** POSTs {@code sql} to {@code /v1/statement} with these headers (and {@code X-Trino-User: test} unless given). */
    HttpResponse<String> post(String sql, Map<String, String> headers)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve("/v1/statement")).POST(HttpRequest.BodyPublishers.ofString(sql));
        if (headers.keySet().stream().noneMatch("X-Trino-User"::equalsIgnoreCase)) {
            request.header("X-Trino-User", "test");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code uri} as {@code user}: a query's URIs answer only the user who submitted it. */
    HttpResponse<String> get(String uri, String user)
            throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("X-Trino-User", user).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close()
    {
        server.close();
    }

    private record RequestLogFactory(List<String> requests)
            implements FrontendFactory
    {
        @Override
        public String name()
        {
            return REQUEST_LOG;
        }

        @Override
        public Frontend create(ProviderConfig config, FrontendContext context)
        {
            return new Frontend()
            {
                @Override
                public String protocol()
                {
                    return REQUEST_LOG;
                }

                @Override
                public boolean handle(HttpExchange exchange)
                {
                    requests.add(exchange.method() + " " + exchange.path() + " " + exchange.header("X-Trino-User").orElse("-"));
                    return false;
                }
            };
        }
    }
}
