package io.queryflux.jetty.it;

import io.queryflux.core.testing.TestingJson;
import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spooling protocol through QueryFlux. The test Trino spools result segments (to an S3 API in
 * the test JVM, see {@link TestingS3Server}) and hands them out through its coordinator
 * ({@code protocol.spooling.retrieval-mode=coordinator_proxy}); QueryFlux points the segments'
 * {@code uri} and {@code ackUri} at itself and forwards the downloads. Small results come inline.
 */
@Tag("it")
class TrinoRelaySpoolingTest
{
    private static final String LINEITEM = "SELECT * FROM tpch.tiny.lineitem";
    private static final long LINEITEM_ROWS = 60_175;
    // Longer than the finishedRetention below and than the frontend's reaper period (at most 1 s).
    private static final Duration FORGET_PROBE_INTERVAL = Duration.ofMillis(1500);

    private static final RawTrinoClient client = new RawTrinoClient();

    private static TestingTrinoServer trino;
    private static QueryFluxOnTrino queryFlux;

    @BeforeAll
    static void start()
    {
        trino = TestingTrinoServer.shared();
        queryFlux = QueryFluxOnTrino.start(trino);
    }

    @AfterAll
    static void stop()
    {
        if (queryFlux != null) {
            queryFlux.close();
        }
    }

    /** The encodings of trino-jdbc 484 and the CLI 476: each gets its spooled segments through QueryFlux, whole. */
    @ParameterizedTest
    @ValueSource(strings = {"json", "json+zstd", "json+lz4"})
    void spooledSegmentsComeThroughQueryFlux(String encoding)
            throws IOException, InterruptedException
    {
        List<Segment> segments = segments(queryFlux.uri(), LINEITEM, encoding);

        List<Segment> spooled = segments.stream().filter(Segment::isSpooled).toList();
        assertThat(spooled).as("spooled segments of %s", LINEITEM).isNotEmpty();
        for (Segment segment : spooled) {
            assertThat(segment.uri()).startsWith(queryFlux.uri() + "/v1/qf/spooled/");
            assertThat(segment.ackUri()).startsWith(queryFlux.uri() + "/v1/qf/spooled/");
        }
        assertContiguous(segments, LINEITEM_ROWS);
        for (Segment segment : segments) {
            byte[] bytes = download(segment);
            assertThat(bytes.length).as("size of %s", segment).isEqualTo(segment.size());
            if (encoding.equals("json")) {
                assertThat((List<?>) TestingJson.parse(new String(bytes, StandardCharsets.UTF_8))).hasSize((int) segment.rows());
            }
            acknowledge(segment);
        }
        queryFlux.awaitIdle();
    }

    /** With the uncompressed encoding the rows can be read: they are the rows that Trino gives directly. */
    @Test
    void spooledRowsMatchDirect()
            throws IOException, InterruptedException
    {
        List<String> direct = rows(trino.uri());
        List<String> proxied = rows(queryFlux.uri());

        assertThat(proxied).hasSize((int) LINEITEM_ROWS);
        assertThat(proxied).containsExactlyInAnyOrderElementsOf(direct);
        queryFlux.awaitIdle();
    }

    /** A result of a few rows comes inline, encoded; no segment to download. */
    @Test
    void smallResultComesInline()
            throws IOException, InterruptedException
    {
        List<Segment> segments = segments(queryFlux.uri(), "SELECT name FROM tpch.tiny.region ORDER BY name", "json");

        assertThat(segments).isNotEmpty().allMatch(segment -> !segment.isSpooled());
        StringBuilder rows = new StringBuilder();
        for (Segment segment : segments) {
            rows.append(new String(download(segment), StandardCharsets.UTF_8));
        }
        assertThat(rows.toString()).isEqualTo("[[\"AFRICA\"],[\"AMERICA\"],[\"ASIA\"],[\"EUROPE\"],[\"MIDDLE EAST\"]]");
        queryFlux.awaitIdle();
    }

    /**
     * trino-jdbc and the CLI ask for json+zstd by default; Trino spools their large result, and
     * they read it whole. The segment URIs they get point at QueryFlux (see
     * {@link #spooledSegmentsComeThroughQueryFlux}), so that is where they download them from.
     */
    @Test
    void clientsReadSpooledResultsThroughQueryFlux()
            throws SQLException
    {
        long putsBefore = trino.spoolingStorage().putCount();
        try (Connection connection = queryFlux.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(LINEITEM)) {
            long rows = 0;
            while (resultSet.next()) {
                rows++;
            }
            assertThat(rows).isEqualTo(LINEITEM_ROWS);
        }
        long putsAfterJdbc = trino.spoolingStorage().putCount();
        assertThat(putsAfterJdbc).as("segments Trino spooled for trino-jdbc").isGreaterThan(putsBefore);

        TestingTrinoCli.Result cli = TestingTrinoCli.execute(queryFlux.uri(), LINEITEM, "--output-format=CSV");
        assertThat(cli.exitCode()).as(cli::toString).isZero();
        assertThat(cli.lines()).hasSize((int) LINEITEM_ROWS);
        assertThat(trino.spoolingStorage().putCount()).as("segments Trino spooled for the CLI").isGreaterThan(putsAfterJdbc);
        queryFlux.awaitIdle();
    }

    /**
     * Trino keeps a spooled segment until it is acknowledged or expires (hours), whatever became of
     * its query: a client may collect the segment URIs of a whole result first and download them
     * later, in parallel (as dask-trino does). Through QueryFlux the segments must stay
     * downloadable after QueryFlux has forgotten the finished query ({@code finishedRetention}).
     */
    @Test
    void segmentsStayDownloadableAfterTheQueryIsForgotten()
            throws IOException, InterruptedException
    {
        try (QueryFluxOnTrino forgetful = QueryFluxOnTrino.start(trino, 8, Map.of("finishedRetention", "100ms"))) {
            List<Map<String, Object>> pages = client.run(forgetful.uri(), LINEITEM, Map.of("X-Trino-Query-Data-Encoding", "json"));
            String queryId = (String) pages.get(0).get("id");
            List<Segment> spooled = segments(pages).stream().filter(Segment::isSpooled).toList();
            assertThat(spooled).isNotEmpty();
            awaitForgotten(forgetful, queryId);

            for (Segment segment : spooled) {
                HttpResponse<byte[]> response = client.get(segment.uri(), segment.headers());
                assertThat(response.statusCode()).as("download of %s: %s", segment.uri(), new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
                assertThat(response.body().length).isEqualTo(segment.size());
                acknowledge(segment);
            }
        }
    }

    /**
     * Waits until QueryFlux answers 404 for {@code /v1/query/{id}}: it forgot the query. Each such
     * request counts as the client's activity and keeps a remembered query for another
     * {@code finishedRetention}, so the probe leaves gaps longer than that and the reaper's period.
     */
    private static void awaitForgotten(QueryFluxOnTrino server, String queryId)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Thread.sleep(FORGET_PROBE_INTERVAL.toMillis());
            int status = client.get(server.uri() + "/v1/query/" + queryId, Map.of("X-Trino-User", List.of(QueryFluxOnTrino.USER))).statusCode();
            if (status == 404) {
                return;
            }
            assertThat(status).as("QueryFlux's answer for query %s", queryId).isEqualTo(200);
            assertThat(System.nanoTime() - deadline).as("QueryFlux forgets finished query %s within 30 s", queryId).isNegative();
        }
    }

    private static List<String> rows(URI server)
            throws IOException, InterruptedException
    {
        List<String> rows = new ArrayList<>();
        for (Segment segment : segments(server, LINEITEM, "json")) {
            Object decoded = TestingJson.parse(new String(download(segment), StandardCharsets.UTF_8));
            for (Object row : (List<?>) decoded) {
                rows.add(String.valueOf(row));
            }
            acknowledge(segment);
        }
        return rows;
    }

    private static List<Segment> segments(URI server, String sql, String encoding)
            throws IOException, InterruptedException
    {
        List<Map<String, Object>> pages = client.run(server, sql, Map.of("X-Trino-Query-Data-Encoding", encoding));
        List<Segment> segments = segments(pages);
        for (Map<String, Object> page : pages) {
            if (page.get("data") instanceof Map<?, ?> data) {
                assertThat(data.get("encoding")).isEqualTo(encoding);
            }
        }
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static List<Segment> segments(List<Map<String, Object>> pages)
    {
        List<Segment> segments = new ArrayList<>();
        for (Map<String, Object> page : pages) {
            assertThat(page).doesNotContainKey("error");
            Object data = page.get("data");
            if (data == null) {
                continue;
            }
            assertThat(data).as("data of a page in the spooling protocol").isInstanceOf(Map.class);
            for (Map<String, Object> segment : (List<Map<String, Object>>) ((Map<String, Object>) data).get("segments")) {
                segments.add(Segment.of(segment));
            }
        }
        return segments;
    }

    private static void assertContiguous(List<Segment> segments, long rows)
    {
        long offset = 0;
        for (Segment segment : segments.stream().sorted(Comparator.comparingLong(Segment::rowOffset)).toList()) {
            assertThat(segment.rowOffset()).as("offset of %s", segment).isEqualTo(offset);
            offset += segment.rows();
        }
        assertThat(offset).isEqualTo(rows);
    }

    private static byte[] download(Segment segment)
            throws IOException, InterruptedException
    {
        if (!segment.isSpooled()) {
            return segment.inlineData();
        }
        HttpResponse<byte[]> response = client.get(segment.uri(), segment.headers());
        assertThat(response.statusCode()).as("download of %s: %s", segment.uri(), new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    private static void acknowledge(Segment segment)
            throws IOException, InterruptedException
    {
        if (segment.isSpooled()) {
            HttpResponse<byte[]> response = client.get(segment.ackUri(), segment.headers());
            assertThat(response.statusCode()).as("ack of %s", segment.ackUri()).isEqualTo(200);
        }
    }

    private record Segment(String type, String uri, String ackUri, byte[] inlineData, Map<String, List<String>> headers, long rowOffset, long rows, long size)
    {
        @SuppressWarnings("unchecked")
        static Segment of(Map<String, Object> segment)
        {
            Map<String, Object> metadata = (Map<String, Object>) segment.get("metadata");
            String type = (String) segment.get("type");
            byte[] inline = type.equals("inline") ? Base64.getDecoder().decode((String) segment.get("data")) : null;
            Map<String, List<String>> headers = (Map<String, List<String>>) segment.getOrDefault("headers", Map.of());
            return new Segment(type, (String) segment.get("uri"), (String) segment.get("ackUri"), inline, headers,
                    (Long) metadata.get("rowOffset"), (Long) metadata.get("rowsCount"), (Long) metadata.get("segmentSize"));
        }

        boolean isSpooled()
        {
            return type.equals("spooled");
        }

        @Override
        public String toString()
        {
            return type + " segment of rows " + rowOffset + "+" + rows + (uri == null ? "" : " at " + uri);
        }
    }
}
