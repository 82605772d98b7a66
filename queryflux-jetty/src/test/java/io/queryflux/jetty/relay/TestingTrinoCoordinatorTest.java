package io.queryflux.jetty.relay;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.queryflux.jetty.TrinoAssertions.error;
import static io.queryflux.jetty.TrinoAssertions.state;
import static io.queryflux.jetty.relay.RelayAssertions.data;
import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fake coordinator itself, talked to directly: it must behave like Trino for the relay tests to
 * mean anything, so trino-jdbc reads it without a proxy in between.
 */
class TestingTrinoCoordinatorTest
{
    private static TestingTrinoCoordinator trino;
    private static final HttpClient http = HttpClient.newHttpClient();

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

    private static HttpResponse<String> send(String method, String uri, String body)
            throws IOException, InterruptedException
    {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("X-Trino-User", "direct").method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jdbcReadsRowsDirectly()
            throws Exception
    {
        Properties properties = new Properties();
        properties.setProperty("user", "direct");
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + trino.port(), properties);
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("rows 1200 500")) {
            long expected = 0;
            while (results.next()) {
                assertThat(results.getLong(1)).isEqualTo(expected);
                assertThat(results.getString(2)).isEqualTo("v" + expected);
                expected++;
            }
            assertThat(expected).isEqualTo(1200);
        }
    }

    @Test
    void jdbcReadsSpooledSegmentsDirectly()
            throws Exception
    {
        Properties properties = new Properties();
        properties.setProperty("user", "direct");
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + trino.port(), properties);
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("spooled")) {
            List<String> names = new ArrayList<>();
            while (results.next()) {
                names.add(results.getString(2));
            }
            assertThat(names).containsExactly("s0", "s1", "s2", "s3", "s4", "s5");
        }
    }

    @Test
    void jdbcAppliesSessionHeadersDirectly()
            throws Exception
    {
        Properties properties = new Properties();
        properties.setProperty("user", "direct");
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + trino.port(), properties)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("sethdr");
            }
            assertThat(connection.getCatalog()).isEqualTo("newcat");
            assertThat(connection.getSchema()).isEqualTo("newschema");
        }
    }

    @Test
    void jdbcReportsTheSyntaxError()
            throws Exception
    {
        Properties properties = new Properties();
        properties.setProperty("user", "direct");
        try (Connection connection = DriverManager.getConnection("jdbc:trino://127.0.0.1:" + trino.port(), properties);
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("fail"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("mismatched input");
        }
    }

    @Test
    void tokensRepeatGoneAndUnknown()
            throws Exception
    {
        HttpResponse<String> posted = send("POST", trino.endpoint() + "/v1/statement", "rows 3 1");
        Map<String, Object> first = RelayTestServer.json(posted);
        assertThat(posted.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(first).containsKeys("id", "infoUri", "stats", "warnings").doesNotContainKey("data");
        assertThat(state(first)).isEqualTo("QUEUED");
        String id = (String) first.get("id");
        assertThat(id).matches("\\d{8}_\\d{6}_\\d{5}_[a-km-np-z2-9]{5}");
        assertThat(nextUri(first)).isEqualTo(trino.endpoint() + "/v1/statement/queued/" + id + "/" + trino.query(id).slug() + "/1");

        String queued = nextUri(first);
        String executing0 = nextUri(RelayTestServer.json(send("GET", queued, null)));
        assertThat(executing0).contains("/v1/statement/executing/" + id + "/");
        HttpResponse<String> page = send("GET", executing0, null);
        HttpResponse<String> again = send("GET", executing0, null);
        assertThat(again.body()).isEqualTo(page.body());
        Map<String, Object> firstPage = RelayTestServer.json(page);
        assertThat(data(firstPage)).containsExactly(List.of(0L, "v0"));
        assertThat(firstPage.keySet()).containsSubsequence("columns", "data");

        String executing1 = nextUri(firstPage);
        assertThat(send("GET", executing1, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", executing0, null).statusCode()).isEqualTo(410);
        assertThat(send("GET", executing1.replaceAll("/\\d+$", "/99"), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", executing1.replace(id, "20200101_000000_00000_aaaaa"), null).statusCode()).isEqualTo(404);
        assertThat(send("HEAD", executing1, null).statusCode()).isEqualTo(200);

        assertThat(send("DELETE", executing1, null).statusCode()).isEqualTo(204);
        assertThat(trino.query(id).isCancelled()).isTrue();
        assertThat(send("HEAD", executing1, null).statusCode()).isEqualTo(404);
    }

    @Test
    void failPage()
            throws Exception
    {
        List<Map<String, Object>> pages = followDirect("fail");
        Map<String, Object> last = pages.get(pages.size() - 1);
        assertThat(state(last)).isEqualTo("FAILED");
        assertThat(error(last)).containsEntry("errorName", "SYNTAX_ERROR").containsKey("errorLocation");
    }

    @Test
    void flakyAndRateLimitedPolls()
            throws Exception
    {
        String next = nextUri(RelayTestServer.json(send("POST", trino.endpoint() + "/v1/statement", "flaky 3")));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(send("GET", next, null).statusCode());
        }
        assertThat(statuses).containsExactly(503, 502, 504, 200);

        HttpResponse<String> limited = send("GET", nextUri(RelayTestServer.json(send("POST", trino.endpoint() + "/v1/statement", "ratelimit"))), null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void dieCutsTheSecondDataPage()
            throws Exception
    {
        String next = nextUri(RelayTestServer.json(send("POST", trino.endpoint() + "/v1/statement", "die")));
        next = nextUri(RelayTestServer.json(send("GET", next, null))); // queued/1
        next = nextUri(RelayTestServer.json(send("GET", next, null))); // first data page
        String dying = next;
        assertThatThrownBy(() -> send("GET", dying, null)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> send("GET", dying, null)).isInstanceOf(IOException.class);
    }

    @Test
    void blockRunsUntilCancelled()
            throws Exception
    {
        String next = nextUri(RelayTestServer.json(send("POST", trino.endpoint() + "/v1/statement", "block")));
        for (int i = 0; i < 4; i++) {
            Map<String, Object> page = RelayTestServer.json(send("GET", next, null));
            assertThat(page).doesNotContainKey("data");
            assertThat(state(page)).isIn("QUEUED", "RUNNING");
            next = nextUri(page);
        }
        String id = trino.queryIds().get(trino.queryIds().size() - 1);
        assertThat(send("DELETE", trino.endpoint() + "/v1/query/" + id, null).statusCode()).isEqualTo(204);
        Map<String, Object> cancelled = RelayTestServer.json(send("GET", next, null));
        assertThat(state(cancelled)).isEqualTo("FAILED");
        assertThat(error(cancelled)).containsEntry("errorName", "USER_CANCELED");
        assertThat(cancelled).doesNotContainKey("nextUri");
    }

    @Test
    void infoAndStopStart()
            throws Exception
    {
        assertThat(send("GET", trino.endpoint() + "/v1/info", null).body()).contains(TestingTrinoCoordinator.VERSION);
        try (TestingTrinoCoordinator other = TestingTrinoCoordinator.create()) {
            String endpoint = other.endpoint();
            other.stop();
            assertThatThrownBy(() -> send("GET", endpoint + "/v1/info", null)).isInstanceOf(ConnectException.class);
            other.start();
            assertThat(other.endpoint()).isEqualTo(endpoint);
            assertThat(send("GET", endpoint + "/v1/info", null).statusCode()).isEqualTo(200);
        }
    }

    private static List<Map<String, Object>> followDirect(String sql)
            throws Exception
    {
        List<Map<String, Object>> pages = new ArrayList<>();
        Map<String, Object> page = RelayTestServer.json(send("POST", trino.endpoint() + "/v1/statement", sql));
        pages.add(page);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (nextUri(page) != null && System.nanoTime() < deadline) {
            page = RelayTestServer.json(send("GET", nextUri(page), null));
            pages.add(page);
        }
        return pages;
    }
}
