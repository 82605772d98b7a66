package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Trino CLI 476 in batch mode against the scriptable testing engine: rows across pages,
 * a failure with its caret, an update count.
 */
class CliTest
{
    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingQueryFlux.testingGroup(4, Map.of("targetPageBytes", 4096)));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void printsEveryRowOfAResultSpanningManyPages()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "rows 3000", "--output-format=CSV");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.lines();
        assertThat(lines).as(result.toString()).hasSize(3000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo("\"" + i + "\",\"row-" + i + "\"");
        }
    }

    @Test
    void printsHeaderWithColumnNames()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "rows 2", "--output-format=TSV_HEADER");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).containsExactly("n\tlabel", "0\trow-0", "1\trow-1");
    }

    @Test
    void showsFailureMessageAndCaretUnderErrorLocation()
    {
        // The testing engine reports "fail ..." as SYNTAX_ERROR at line 1, column 8.
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "fail boom");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines.get(0)).as(result.toString()).matches("Query \\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5} failed: boom");
        assertThat(lines.get(1)).isEqualTo("LINE 1: fail boom");
        // The caret sits under column 8 of the statement, after the "LINE 1: " prefix.
        assertThat(lines.get(2)).isEqualTo(" ".repeat("LINE 1: ".length() + 7) + "^");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void reportsUpdateCount()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "update 5");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).contains("UPDATE: 5 rows");
    }
}
