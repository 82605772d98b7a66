package io.queryflux.jetty.auth;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.TlsConfig;
import io.queryflux.core.testing.TestingBackendFactory;
import io.queryflux.core.testing.TestingJson;
import io.queryflux.jetty.QueryFluxServer;
import io.queryflux.spi.Authorizer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * QueryFlux with authentication on an ephemeral port, over HTTPS when given a keystore, with a raw
 * HTTP client that trusts the test certificate and trino-jdbc connections. Groups run on the scriptable
 * testing engine ({@code rows N}, {@code block}) unless DuckDB is asked for.
 */
public final class TestingSecureServer
        implements AutoCloseable
{
    private final QueryFluxServer server;
    private final HttpClient http;

    private TestingSecureServer(QueryFluxServer server, HttpClient http)
    {
        this.server = server;
        this.http = http;
    }

    public static Builder builder(AuthConfig auth)
    {
        return new Builder(auth);
    }

    public URI uri()
    {
        return server.uri();
    }

    public QueryFlux queryFlux()
    {
        return server.queryFlux();
    }

    /** trino-jdbc's URL; with TLS, {@code SSL=true&SSLVerification=NONE} for the self-signed certificate. */
    public String jdbcUrl()
    {
        String url = "jdbc:trino://127.0.0.1:" + server.port();
        return uri().getScheme().equals("https") ? url + "?SSL=true&SSLVerification=NONE" : url;
    }

    public Connection connect(String user, String password)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    public Connection connectWithToken(String user, String token)
            throws SQLException
    {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        properties.setProperty("accessToken", token);
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** {@code Authorization: Basic ...} of {@code user} and {@code password}. */
    public static String basic(String user, String password)
    {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs {@code sql} with headers given as name, value pairs. */
    public HttpResponse<String> post(String sql, String... headers)
            throws IOException, InterruptedException
    {
        return send(withHeaders(HttpRequest.newBuilder(uri().resolve("/v1/statement")).POST(HttpRequest.BodyPublishers.ofString(sql)), headers));
    }

    /** Sends {@code method} ({@code GET}, {@code HEAD}, {@code DELETE}) to {@code uri} with headers given as name, value pairs. */
    public HttpResponse<String> request(String method, String uri, String... headers)
            throws IOException, InterruptedException
    {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(uri)).method(method, HttpRequest.BodyPublishers.noBody()), headers));
    }

    public HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException
    {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
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

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers)
    {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    public static final class Builder
    {
        private final AuthConfig auth;
        private TestingKeystore keystore;
        private final List<ClusterGroupConfig> groups = new ArrayList<>();
        private final List<Authorizer> authorizers = new ArrayList<>();

        private Builder(AuthConfig auth)
        {
            this.auth = auth;
        }

        /** Serves HTTPS from {@code keystore}. */
        public Builder tls(TestingKeystore keystore)
        {
            this.keystore = keystore;
            return this;
        }

        /** Adds a group; the first one added is the routing fallback. Without any, one testing group {@code test}. */
        public Builder group(ClusterGroupConfig group)
        {
            groups.add(group);
            return this;
        }

        public Builder authorizer(Authorizer authorizer)
        {
            authorizers.add(authorizer);
            return this;
        }

        public TestingSecureServer start()
        {
            List<ClusterGroupConfig> configured = groups.isEmpty() ? List.of(testingGroup("test", Map.of())) : groups;
            TlsConfig tls = keystore == null ? TlsConfig.disabled() : TlsConfig.keystore(keystore.path().toString(), keystore.password());
            QueryFluxConfig.Builder config = QueryFluxConfig.builder()
                    .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of("maxWait", "200ms"), tls))
                    .routingFallback(configured.get(0).name())
                    .auth(auth);
            configured.forEach(config::clusterGroup);
            QueryFlux.Builder queryFlux = QueryFlux.builder().config(config.build()).backendFactory(new TestingBackendFactory());
            authorizers.forEach(queryFlux::authorizer);
            HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
            if (keystore != null) {
                client.sslContext(keystore.trustingContext());
            }
            QueryFluxServer server = QueryFluxServer.builder(queryFlux.build()).host("127.0.0.1").port(0).stopTimeout(Duration.ZERO).start();
            return new TestingSecureServer(server, client.build());
        }
    }

    /** A group on the scriptable testing engine, with extra group settings such as {@code authorization}. */
    public static ClusterGroupConfig testingGroup(String name, Map<String, Object> settings)
    {
        ClusterGroupConfig.Builder group = ClusterGroupConfig.builder(name, TestingBackendFactory.NAME)
                .maxRunningQueries(8)
                .cluster(name + "-1", Map.of());
        settings.forEach(group::property);
        return group.build();
    }

    /** An in-memory DuckDB group. */
    public static ClusterGroupConfig duckDbGroup(String name, Map<String, Object> settings)
    {
        ClusterGroupConfig.Builder group = ClusterGroupConfig.builder(name, "duckDb")
                .maxRunningQueries(4)
                .cluster(name + "-1", Map.of("databasePath", ":memory:"));
        settings.forEach(group::property);
        return group.build();
    }
}
