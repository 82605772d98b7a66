package io.queryflux.jetty.relay;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TrinoAssertions.state;
import static io.queryflux.jetty.relay.RelayAssertions.assertRelayedUri;
import static io.queryflux.jetty.relay.RelayAssertions.data;
import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results relayed from a Trino coordinator reach the client unchanged except for the top-level
 * {@code nextUri} (and spooled segment URIs at the coordinator), which point at QueryFlux and keep
 * Trino's path.
 */
class RelayResultsTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static TestingTrinoCoordinator trino;
    private static RelayTestServer server;

    @BeforeAll
    static void start()
    {
        trino = TestingTrinoCoordinator.create();
        server = RelayTestServer.start(trino);
    }

    @AfterAll
    static void stop()
    {
        server.close();
        trino.close();
    }

    @AfterEach
    void slotIsFree()
    {
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void jdbcReadsAllRowsInOrder()
            throws Exception
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("rows 5000 500")) {
            long expected = 0;
            while (results.next()) {
                assertThat(results.getLong("id")).isEqualTo(expected);
                assertThat(results.getString("name")).isEqualTo("v" + expected);
                expected++;
            }
            assertThat(expected).isEqualTo(5000);
        }
        assertThat(trino.posts()).anySatisfy(post -> assertThat(post.body()).isEqualTo("rows 5000 500"));
    }

    @Test
    void everyNextUriPointsAtQueryFluxWithTrinosPath()
            throws Exception
    {
        List<Map<String, Object>> pages = server.follow(server.post("rows 5000 500"));
        String id = (String) pages.get(0).get("id");
        assertThat(trino.queryIds()).contains(id);

        List<String> issued = trino.issuedNextUris().stream().filter(uri -> uri.contains("/" + id + "/")).toList();
        List<String> seen = pages.stream().map(RelayAssertions::nextUri).filter(uri -> uri != null).toList();
        assertThat(seen).hasSameSizeAs(issued).hasSize(pages.size() - 1);
        for (int i = 0; i < seen.size(); i++) {
            assertRelayedUri(seen.get(i), server.base(), issued.get(i));
        }
        // The coordinator was polled at exactly its own URIs, in order.
        assertThat(trino.requestsFor(id).stream().filter(request -> request.method().equals("GET")).map(RecordedRequest::path).toList())
                .containsExactlyElementsOf(issued.stream().map(uri -> URI.create(uri).getRawPath()).toList());

        List<Object> ids = new ArrayList<>();
        pages.forEach(page -> {
            if (data(page) != null) {
                data(page).forEach(row -> ids.add(row.get(0)));
            }
        });
        assertThat(ids).hasSize(5000);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo((long) i);
        }
        assertThat(state(pages.get(pages.size() - 1))).isEqualTo("FINISHED");
    }

    @Test
    void everyPageIsTrinosBytesWithOnlyTheNextUriRewritten()
            throws Exception
    {
        assertPagesAreTrinosBytes("rows 7 3");
    }

    @Test
    void nextUriInsideDataIsNotTouched()
            throws Exception
    {
        List<String> bodies = assertPagesAreTrinosBytes("nexturi-in-data");
        String withData = bodies.stream().filter(body -> body.contains("\"data\"")).findFirst().orElseThrow();
        assertThat(withData)
                .contains("http://evil/v1/statement/executing/x/y/1")
                .contains("{\"nextUri\":\"http://evil/v1/statement/executing/x/y/2\",\"say \\\"hi\\\"\":\"a \\\"quoted\\\" \\\\ value\"}")
                .contains("\\u0022nextUri\\u0022:\\u0022http://evil/u\\u0022")
                .contains("http:\\/\\/evil\\/slash");
        Map<String, Object> page = RelayTestServer.json(withData);
        assertThat(nextUri(page)).startsWith(server.base() + "/v1/statement/executing/");
        assertThat(data(page).get(0).get(0)).isEqualTo("{\"nextUri\":\"http://evil/v1/statement/executing/x/y/1\"}");
        assertThat(((Map<?, ?>) data(page).get(0).get(1)).get("nextUri")).isEqualTo("http://evil/v1/statement/executing/x/y/2");
    }

    /**
     * Follows {@code sql} through QueryFlux, reading each page as bytes, and checks that each equals
     * the coordinator's answer for the same token (asked again directly, which Trino answers
     * identically) with only the top-level nextUri replaced. Returns the bodies the client saw.
     */
    private static List<String> assertPagesAreTrinosBytes(String sql)
            throws Exception
    {
        HttpResponse<String> posted = server.post(sql);
        assertThat(posted.statusCode()).isEqualTo(200);
        String id = (String) RelayTestServer.json(posted.body()).get("id");
        TestingTrinoCoordinator.FakeQuery query = trino.query(id);
        List<String> bodies = new ArrayList<>();
        List<String> trinoBodies = new ArrayList<>();
        bodies.add(posted.body());
        trinoBodies.add(new String(query.servedBody(0), StandardCharsets.UTF_8));
        String next = nextUri(RelayTestServer.json(posted));
        while (next != null) {
            HttpResponse<byte[]> page = server.getBytes(next);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            String body = new String(page.body(), StandardCharsets.UTF_8);
            bodies.add(body);
            // Trino's own answer for the same token, asked directly (the same token gives the same page).
            HttpResponse<byte[]> direct = server.getBytes(trino.endpoint() + URI.create(next).getRawPath());
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(direct.body()).isEqualTo(query.servedBody(bodies.size() - 1));
            trinoBodies.add(new String(direct.body(), StandardCharsets.UTF_8));
            next = nextUri(RelayTestServer.json(body));
        }
        for (int step = 0; step < bodies.size(); step++) {
            String trinoBody = trinoBodies.get(step);
            String trinoNext = nextUri(RelayTestServer.json(trinoBody));
            String clientNext = nextUri(RelayTestServer.json(bodies.get(step)));
            String expected = trinoNext == null ? trinoBody : trinoBody.replace("\"nextUri\":\"" + trinoNext + "\"", "\"nextUri\":\"" + clientNext + "\"");
            assertThat(bodies.get(step)).as("page %s of %s", step, sql).isEqualTo(expected);
            if (trinoNext != null) {
                assertRelayedUri(clientNext, server.base(), trinoNext);
            }
        }
        return bodies;
    }

    @Test
    void infoIsTheCoordinatorsInfo()
            throws Exception
    {
        HttpResponse<String> info = server.get(server.base() + "/v1/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> version = (Map<String, Object>) RelayTestServer.json(info).get("nodeVersion");
        assertThat(version).containsEntry("version", TestingTrinoCoordinator.VERSION);
    }

    @Test
    @SuppressWarnings("unchecked")
    void spooledSegmentsAreFetchedThroughQueryFlux()
            throws Exception
    {
        List<Map<String, Object>> pages = server.follow(server.post("spooled"));
        Map<String, Object> page = pages.stream().filter(each -> each.get("data") instanceof Map).findFirst().orElseThrow();
        String id = (String) page.get("id");
        Map<String, Object> spooling = (Map<String, Object>) page.get("data");
        assertThat(spooling).containsEntry("encoding", "json");
        List<Map<String, Object>> segments = (List<Map<String, Object>>) spooling.get("segments");
        assertThat(segments).hasSize(3);
        assertThat(segments.get(0)).containsEntry("type", "inline").containsKey("data");

        for (Map<String, Object> segment : segments.subList(1, 3)) {
            String uri = (String) segment.get("uri");
            String ackUri = (String) segment.get("ackUri");
            assertThat(uri).startsWith(server.base() + "/v1/qf/spooled/");
            assertThat(ackUri).startsWith(server.base() + "/v1/qf/spooled/");
            assertThat(segment.get("headers")).isEqualTo(Map.of(TestingTrinoCoordinator.SEGMENT_HEADER, List.of("1")));
            String segmentId = uri.substring(uri.lastIndexOf('/') + 1);
            assertThat(uri).endsWith("/download/" + segmentId);
            assertThat(ackUri).endsWith("/ack/" + segmentId);

            HttpResponse<byte[]> download = server.getBytes(uri, TestingTrinoCoordinator.SEGMENT_HEADER, "1");
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(trino.segment(segmentId));
            RecordedRequest atTrino = trino.requests("GET", "/v1/spooled/download/" + segmentId).get(0);
            assertThat(atTrino.header(TestingTrinoCoordinator.SEGMENT_HEADER)).hasValue("1");

            assertThat(server.get(ackUri).statusCode()).isEqualTo(200);
            assertThat(trino.requests("GET", "/v1/spooled/ack/" + segmentId)).hasSize(1);
        }
        assertThat(trino.query(id).isFinished()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSegmentCutShortIsAnErrorNotAShortSegment()
            throws Exception
    {
        List<Map<String, Object>> pages = server.follow(server.post("spooled"));
        Map<String, Object> spooling = (Map<String, Object>) pages.stream().filter(each -> each.get("data") instanceof Map).findFirst().orElseThrow().get("data");
        String uri = (String) ((List<Map<String, Object>>) spooling.get("segments")).get(1).get("uri");
        trino.cutNextSegmentDownloads(1);

        HttpResponse<String> cut = server.get(uri, TestingTrinoCoordinator.SEGMENT_HEADER, "1");

        // Nothing had reached the client yet, so it gets an error it can retry, never 200 and half a segment.
        RelayAssertions.assertTrinoError(cut, 503, "BACKEND_UNAVAILABLE");
        HttpResponse<byte[]> retried = server.getBytes(uri, TestingTrinoCoordinator.SEGMENT_HEADER, "1");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(trino.segment(uri.substring(uri.lastIndexOf('/') + 1)));
    }

    @Test
    void jdbcReadsSpooledSegmentsThroughQueryFlux()
            throws Exception
    {
        int downloadsBefore = trino.requests("GET", "/v1/spooled/download/").size();
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet results = statement.executeQuery("spooled")) {
            List<String> names = new ArrayList<>();
            while (results.next()) {
                names.add(results.getString("name"));
            }
            assertThat(names).containsExactly("s0", "s1", "s2", "s3", "s4", "s5");
        }
        List<RecordedRequest> downloads = trino.requests("GET", "/v1/spooled/download/");
        assertThat(downloads.subList(downloadsBefore, downloads.size()))
                .hasSize(2)
                .allSatisfy(download -> assertThat(download.header(TestingTrinoCoordinator.SEGMENT_HEADER)).hasValue("1"));
    }
}
