package io.queryflux.jetty.relay;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.testing.TestingJson;
import io.queryflux.jetty.QueryFluxServer;
import io.queryflux.jetty.TestingServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * QueryFlux on an ephemeral port with one cluster group {@value #GROUP} of {@code engine: trino}
 * relaying to fake coordinators, and the HTTP and JDBC clients the relay tests use.
 */
public final class RelayTestServer
        implements AutoCloseable
{
    public static final String GROUP = "trino";
    public static final String USER = "test";

    private final QueryFluxServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RelayTestServer(QueryFluxServer server)
    {
        this.server = server;
    }

    public static Builder builder(TestingTrinoCoordinator... coordinators)
    {
        return new Builder(List.of(coordinators));
    }

    public static RelayTestServer start(TestingTrinoCoordinator... coordinators)
    {
        return builder(coordinators).start();
    }

    public URI uri()
    {
        return server.uri();
    }

    /** {@code http://127.0.0.1:<port>}, the prefix of every URI QueryFlux hands out. */
    public String base()
    {
        return server.uri().toString();
    }

    public QueryFlux queryFlux()
    {
        return server.queryFlux();
    }

    public int running()
    {
        return queryFlux().runningQueries(GROUP);
    }

    public int queued()
    {
        return queryFlux().queuedQueries(GROUP);
    }

    public void awaitNoRunningQueries(Duration timeout)
    {
        await("no query running in group " + GROUP + " (running: " + running() + ")", timeout, () -> running() == 0);
    }

    // ---- JDBC ----

    public String jdbcUrl()
    {
        return "jdbc:trino://127.0.0.1:" + server.port();
    }

    public Connection connect()
            throws SQLException
    {
        return connect(new Properties());
    }

    public Connection connect(Properties extra)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.putAll(extra);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    // ---- HTTP ----

    public HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException
    {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code sql} as user {@value #USER} with extra headers given as name, value pairs. */
    public HttpResponse<String> post(String sql, String... headers)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve("/v1/statement")).POST(HttpRequest.BodyPublishers.ofString(sql));
        boolean user = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            user |= headers[i].equalsIgnoreCase("X-Trino-User");
        }
        if (!user) {
            request.header("X-Trino-User", USER);
        }
        return send(request);
    }

    public HttpResponse<String> get(String uri, String... headers)
            throws IOException, InterruptedException
    {
        return send(withUser(HttpRequest.newBuilder(URI.create(uri)).GET(), headers));
    }

    public HttpResponse<byte[]> getBytes(String uri, String... headers)
            throws IOException, InterruptedException
    {
        return http.send(withUser(HttpRequest.newBuilder(URI.create(uri)).GET(), headers).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> head(String uri)
            throws IOException, InterruptedException
    {
        return send(withUser(HttpRequest.newBuilder(URI.create(uri)).method("HEAD", HttpRequest.BodyPublishers.noBody())));
    }

    public HttpResponse<String> delete(String uri)
            throws IOException, InterruptedException
    {
        return send(withUser(HttpRequest.newBuilder(URI.create(uri)).DELETE()));
    }

    private static HttpRequest.Builder withUser(HttpRequest.Builder request, String... headers)
    {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.header("X-Trino-User", USER);
    }

    /**
     * GETs each {@code nextUri} from {@code first} on until a page has none, returning every page's
     * body (the first included).
     */
    public List<Map<String, Object>> follow(HttpResponse<String> first)
            throws IOException, InterruptedException
    {
        List<Map<String, Object>> pages = new ArrayList<>();
        HttpResponse<String> response = first;
        while (true) {
            if (response.statusCode() != 200) {
                throw new AssertionError("Unexpected " + response.statusCode() + " for " + response.uri() + ": " + response.body());
            }
            Map<String, Object> page = json(response);
            pages.add(page);
            String next = (String) page.get("nextUri");
            if (next == null) {
                return pages;
            }
            response = get(next);
        }
    }

    /** Sends {@code method target} over a socket exactly as written (no client-side normalization). */
    public TestingServer.RawResponse raw(String method, String target)
            throws IOException
    {
        return TestingServer.RawResponse.send(uri(), method, target, Map.of("X-Trino-User", USER));
    }

    public static Map<String, Object> json(HttpResponse<String> response)
    {
        return TestingJson.object(response.body());
    }

    public static Map<String, Object> json(String body)
    {
        return TestingJson.object(body);
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}. */
    public static void await(String description, Duration timeout, BooleanSupplier condition)
    {
        TestingServer.await(description, timeout, condition);
    }

    @Override
    public void close()
    {
        server.close();
    }

    public static final class Builder
    {
        private final List<TestingTrinoCoordinator> coordinators;
        private int maxRunningQueries = 8;
        private int maxQueuedQueries = 100;
        private Duration capacityWaitTimeout = Duration.ofMinutes(1);
        private final Map<String, Object> trinoHttp = new LinkedHashMap<>(Map.of("maxWait", "500ms"));
        private final Map<String, Object> groupProperties = new LinkedHashMap<>();
        private final Map<String, Object> clusterProperties = new LinkedHashMap<>();

        private Builder(List<TestingTrinoCoordinator> coordinators)
        {
            if (coordinators.isEmpty()) {
                throw new IllegalArgumentException("No coordinator");
            }
            this.coordinators = coordinators;
        }

        public Builder maxRunningQueries(int maxRunningQueries)
        {
            this.maxRunningQueries = maxRunningQueries;
            return this;
        }

        public Builder maxQueuedQueries(int maxQueuedQueries)
        {
            this.maxQueuedQueries = maxQueuedQueries;
            return this;
        }

        public Builder capacityWaitTimeout(Duration capacityWaitTimeout)
        {
            this.capacityWaitTimeout = capacityWaitTimeout;
            return this;
        }

        /** A {@code trinoHttp} frontend setting, e.g. {@code clientTimeout}, {@code relayRetryBudget}, {@code maxWait}. */
        public Builder trinoHttp(String key, Object value)
        {
            trinoHttp.put(key, value);
            return this;
        }

        /** A setting of the group, e.g. {@code passthroughCredentials}. */
        public Builder groupProperty(String key, Object value)
        {
            groupProperties.put(key, value);
            return this;
        }

        /** A setting of every cluster, e.g. {@code auth} or {@code connectTimeout}. */
        public Builder clusterProperty(String key, Object value)
        {
            clusterProperties.put(key, value);
            return this;
        }

        /** Turns the group's background health probe of the coordinators on (the default) or off. */
        public Builder healthCheck(boolean enabled)
        {
            return groupProperty("healthCheck", Map.of("enabled", enabled));
        }

        public Builder auth(Map<String, Object> auth)
        {
            return clusterProperty("auth", auth);
        }

        public QueryFluxConfig config()
        {
            ClusterGroupConfig.Builder group = ClusterGroupConfig.builder(GROUP, "trino")
                    .maxRunningQueries(maxRunningQueries)
                    .maxQueuedQueries(maxQueuedQueries)
                    .capacityWaitTimeout(capacityWaitTimeout);
            groupProperties.forEach(group::property);
            for (int i = 0; i < coordinators.size(); i++) {
                Map<String, Object> cluster = new LinkedHashMap<>(clusterProperties);
                cluster.put("endpoint", coordinators.get(i).endpoint());
                group.cluster("trino-" + (i + 1), cluster);
            }
            return QueryFluxConfig.builder()
                    .frontend(new FrontendConfig("trinoHttp", true, 0, trinoHttp))
                    .clusterGroup(group.build())
                    .routingFallback(GROUP)
                    .build();
        }

        public RelayTestServer start()
        {
            QueryFlux queryFlux = QueryFlux.builder().config(config()).build();
            return new RelayTestServer(QueryFluxServer.builder(queryFlux).host("127.0.0.1").port(0).stopTimeout(Duration.ZERO).start());
        }
    }
}
