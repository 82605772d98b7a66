package io.queryflux.jetty.relay;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the relay tells Trino (the client's session headers, the acting user, the cluster's
 * identity) and what it passes back (Trino's session-changing response headers).
 */
class RelayHeadersTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String CLIENT_AUTHORIZATION = basic("alice", "alice-password");

    private static TestingTrinoCoordinator trino;

    @BeforeAll
    static void start()
    {
        trino = TestingTrinoCoordinator.create();
    }

    @AfterAll
    static void stop()
    {
        trino.close();
    }

    private static String basic(String user, String password)
    {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code sql} to its end through {@code server} with the client's Authorization; returns every request Trino got for it. */
    private static List<RecordedRequest> runWithClientCredentials(RelayTestServer server, String sql)
            throws Exception
    {
        HttpResponse<String> posted = server.post(sql, "Authorization", CLIENT_AUTHORIZATION, "X-Trino-User", "alice");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        String id = (String) RelayTestServer.json(posted).get("id");
        String next = nextUri(RelayTestServer.json(posted));
        while (next != null) {
            HttpResponse<String> page = server.get(next, "Authorization", CLIENT_AUTHORIZATION);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            next = nextUri(RelayTestServer.json(page));
        }
        server.awaitNoRunningQueries(DEADLINE);
        List<RecordedRequest> requests = trino.requestsFor(id);
        List<RecordedRequest> all = new ArrayList<>();
        all.add(trino.posts().stream().filter(post -> post.body().equals(sql)).reduce((first, second) -> second).orElseThrow());
        all.addAll(requests);
        return all;
    }

    @Test
    void clientSessionHeadersAndUserReachTrino()
            throws Exception
    {
        try (RelayTestServer server = RelayTestServer.start(trino)) {
            String sql = "rows 2 1 -- headers";
            HttpResponse<String> posted = server.post(sql,
                    "Authorization", CLIENT_AUTHORIZATION,
                    "X-Trino-User", "mallory",
                    "X-Trino-Catalog", "tpch",
                    "X-Trino-Schema", "tiny",
                    "X-Trino-Session", "query_max_run_time=1h",
                    "X-Trino-Session", "join_distribution_type=BROADCAST",
                    "X-Trino-Client-Tags", "etl,nightly",
                    "X-Trino-Source", "relay-test",
                    "X-Trino-Time-Zone", "UTC");
            assertThat(posted.statusCode()).isEqualTo(200);
            server.follow(posted);

            RecordedRequest post = trino.posts().stream().filter(each -> each.body().equals(sql)).findFirst().orElseThrow();
            assertThat(post.header("X-Trino-Catalog")).hasValue("tpch");
            assertThat(post.header("X-Trino-Schema")).hasValue("tiny");
            assertThat(post.header("X-Trino-Source")).hasValue("relay-test");
            assertThat(post.header("X-Trino-Time-Zone")).hasValue("UTC");
            assertThat(items(post.headerValues("X-Trino-Session"))).containsExactly("query_max_run_time=1h", "join_distribution_type=BROADCAST");
            assertThat(items(post.headerValues("X-Trino-Client-Tags"))).containsExactly("etl", "nightly");
            // The authenticated user acts, never the one the client claims in a header.
            assertThat(post.headerValues("X-Trino-User")).containsExactly("alice");
            // No configured identity and no passthrough: the client's credentials stay at QueryFlux.
            assertThat(post.header("Authorization")).isEmpty();

            String id = trino.queryBySql(sql).orElseThrow().id();
            assertThat(trino.requestsFor(id)).isNotEmpty().allSatisfy(poll -> {
                assertThat(poll.headerValues("X-Trino-User")).containsExactly("alice");
                assertThat(poll.header("Authorization")).isEmpty();
            });
            assertThat(trino.query(id).user()).isEqualTo("alice");
            server.awaitNoRunningQueries(DEADLINE);
        }
    }

    private static List<String> items(List<String> values)
    {
        return values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).toList();
    }

    @Test
    void configuredBasicIdentityWinsOverTheClientsAuthorization()
            throws Exception
    {
        try (RelayTestServer server = RelayTestServer.builder(trino)
                .auth(Map.of("type", "basic", "username", "queryflux", "password", "service-secret"))
                .start()) {
            List<RecordedRequest> requests = runWithClientCredentials(server, "rows 3 1 -- basic identity");
            assertThat(requests).hasSizeGreaterThan(2).allSatisfy(request -> {
                assertThat(request.headerValues("Authorization")).as(request.toString()).containsExactly(basic("queryflux", "service-secret"));
                assertThat(request.headerValues("X-Trino-User")).as(request.toString()).containsExactly("alice");
            });
        }
    }

    @Test
    void configuredBearerIdentityWinsOverTheClientsAuthorization()
            throws Exception
    {
        try (RelayTestServer server = RelayTestServer.builder(trino)
                .auth(Map.of("type", "bearer", "token", "service-token"))
                .start()) {
            List<RecordedRequest> requests = runWithClientCredentials(server, "rows 2 1 -- bearer identity");
            assertThat(requests).hasSizeGreaterThan(2).allSatisfy(request ->
                    assertThat(request.headerValues("Authorization")).as(request.toString()).containsExactly("Bearer service-token"));
        }
    }

    @Test
    void passthroughForwardsTheClientsBasicCredentials()
            throws Exception
    {
        try (RelayTestServer server = RelayTestServer.builder(trino).groupProperty("passthroughCredentials", true).start()) {
            List<RecordedRequest> requests = runWithClientCredentials(server, "rows 2 1 -- passthrough");
            assertThat(requests).hasSizeGreaterThan(2).allSatisfy(request ->
                    assertThat(request.headerValues("Authorization")).as(request.toString()).containsExactly(CLIENT_AUTHORIZATION));
        }
    }

    @Test
    void cancelOfAnAbandonedQueryCarriesTheConfiguredIdentity()
            throws Exception
    {
        try (RelayTestServer server = RelayTestServer.builder(trino)
                .auth(Map.of("type", "basic", "username", "queryflux", "password", "service-secret"))
                .trinoHttp("clientTimeout", "1s")
                .start()) {
            HttpResponse<String> posted = server.post("block -- abandoned with identity", "Authorization", CLIENT_AUTHORIZATION);
            String id = (String) RelayTestServer.json(posted).get("id");
            server.get(nextUri(RelayTestServer.json(posted)), "Authorization", CLIENT_AUTHORIZATION);
            RelayTestServer.await("QueryFlux cancels the abandoned query on Trino", DEADLINE, () -> trino.query(id).isCancelled());
            RecordedRequest delete = trino.requestsFor(id).stream().filter(request -> request.method().equals("DELETE")).findFirst().orElseThrow();
            assertThat(delete.headerValues("Authorization")).containsExactly(basic("queryflux", "service-secret"));
            assertThat(delete.headerValues("X-Trino-User")).containsExactly("alice");
            server.awaitNoRunningQueries(DEADLINE);
        }
    }

    @Test
    void sessionResponseHeadersReachTheClient()
            throws Exception
    {
        try (RelayTestServer server = RelayTestServer.start(trino)) {
            HttpResponse<String> response = server.post("sethdr txn");
            List<HttpResponse<String>> responses = new ArrayList<>();
            String next = nextUri(RelayTestServer.json(response));
            while (next != null) {
                response = server.get(next);
                responses.add(response);
                next = nextUri(RelayTestServer.json(response));
            }
            String id = (String) RelayTestServer.json(response).get("id");
            List<HttpResponse<String>> withResult = responses.stream().filter(each -> each.body().contains("\"columns\"")).toList();
            assertThat(withResult).hasSize(2).allSatisfy(each -> {
                assertThat(each.headers().allValues("X-Trino-Set-Catalog")).containsExactly("newcat");
                assertThat(each.headers().allValues("X-Trino-Set-Schema")).containsExactly("newschema");
                assertThat(items(each.headers().allValues("X-Trino-Set-Session"))).containsExactly("query_max_run_time=1h", "fake_property=a%20b");
            });
            assertThat(response.headers().allValues("X-Trino-Started-Transaction-Id")).containsExactly(trino.query(id).transactionId());
            server.awaitNoRunningQueries(DEADLINE);
        }
    }

    @Test
    void jdbcAppliesTrinosSessionHeaders()
            throws Exception
    {
        try (RelayTestServer server = RelayTestServer.start(trino);
                Connection connection = server.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("sethdr");
            }
            assertThat(connection.getCatalog()).isEqualTo("newcat");
            assertThat(connection.getSchema()).isEqualTo("newschema");
            // The next statement carries the session Trino set.
            try (Statement statement = connection.createStatement();
                    ResultSet results = statement.executeQuery("rows 1 1 -- after sethdr")) {
                assertThat(results.next()).isTrue();
            }
            RecordedRequest post = trino.posts().stream().filter(each -> each.body().equals("rows 1 1 -- after sethdr")).reduce((first, second) -> second).orElseThrow();
            assertThat(post.header("X-Trino-Catalog")).hasValue("newcat");
            assertThat(post.header("X-Trino-Schema")).hasValue("newschema");
            assertThat(items(post.headerValues("X-Trino-Session"))).contains("query_max_run_time=1h", "fake_property=a+b");
            server.awaitNoRunningQueries(DEADLINE);
        }
    }
}
