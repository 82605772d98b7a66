package io.queryflux.jetty;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100,000-row DuckDB result crosses many pages of about {@code targetPageBytes}, and every row
 * arrives, in order, through raw HTTP, trino-jdbc and the Trino CLI.
 */
class LargeResultTest
{
    private static final int ROWS = 100_000;
    private static final int TARGET_PAGE_BYTES = 64 * 1024;
    private static final String SQL = "SELECT i, 'row-' || i AS label FROM range(" + ROWS + ") t(i) ORDER BY i";

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingConfigs.duckDb(2, Map.of("targetPageBytes", TARGET_PAGE_BYTES)));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void rawHttpPages()
            throws Exception
    {
        HttpResponse<String> response = server.post(SQL);
        Map<String, Object> results = TestingServer.json(response);

        long rows = 0;
        int pagesWithData = 0;
        while (true) {
            // (Rows in the POST reply, if any, are checked too; that they should not be there is PostReplyTest's concern.)
            if (results.containsKey("data")) {
                pagesWithData++;
                // A page is closed once its rows reach the target size.
                assertThat(response.body().length()).isLessThan(TARGET_PAGE_BYTES + 8 * 1024);
                assertThat(results.get("columns")).isNotNull();
                for (Object row : (List<?>) results.get("data")) {
                    assertThat(row).isEqualTo(List.of(rows, "row-" + rows));
                    rows++;
                }
            }
            if (!results.containsKey("nextUri")) {
                break;
            }
            response = server.get((String) results.get("nextUri"));
            assertThat(response.statusCode()).isEqualTo(200);
            results = TestingServer.json(response);
        }
        assertThat(state(results)).isEqualTo("FINISHED");
        assertThat(rows).isEqualTo(ROWS);
        // About 2 MB of JSON rows in 64 KiB pages.
        assertThat(pagesWithData).isGreaterThan(10);
    }

    @Test
    void jdbcReadsEveryRow()
            throws Exception
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(SQL)) {
            assertThat(resultSet.getMetaData().getColumnTypeName(1)).isEqualTo("bigint");
            assertThat(resultSet.getMetaData().getColumnTypeName(2)).isEqualTo("varchar");
            long expected = 0;
            while (resultSet.next()) {
                assertThat(resultSet.getLong(1)).isEqualTo(expected);
                assertThat(resultSet.getString(2)).isEqualTo("row-" + expected);
                expected++;
            }
            assertThat(expected).isEqualTo(ROWS);
        }
    }

    @Test
    void cliPrintsEveryRow()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), SQL, "--output-format=CSV_UNQUOTED");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.lines();
        assertThat(lines).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            if (!lines.get(i).equals(i + ",row-" + i)) {
                assertThat(lines.get(i)).as("line %s", i).isEqualTo(i + ",row-" + i);
            }
        }
    }
}
