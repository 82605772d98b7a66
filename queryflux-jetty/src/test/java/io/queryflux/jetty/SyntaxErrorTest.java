package io.queryflux.jetty;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TrinoAssertions.error;
import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A DuckDB syntax error as users see it: the Trino CLI prints the message and draws a caret under
 * the failing token; trino-jdbc reports the message and Trino's error code; the protocol carries
 * errorName, errorType and errorLocation.
 */
class SyntaxErrorTest
{
    private static final String QUERY_ID = "\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}";

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingConfigs.duckDb(2, Map.of()));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void cliShowsMessageAndCaret()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "SELEC 1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<String> lines = result.stderr().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(result.toString()).containsExactly(
                lines.get(0),
                "LINE 1: SELEC 1",
                "        ^");
        assertThat(lines.get(0)).matches("Query " + QUERY_ID + " failed: Parser Error: syntax error at or near \"SELEC\"");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void cliDebugShowsTheErrorName()
    {
        // The CLI prints an error's failureInfo with --debug, as "<type>: <message>".
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "SELEC 1", "--debug");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).as(result.toString())
                .contains("SYNTAX_ERROR: Parser Error: syntax error at or near \"SELEC\"")
                .contains("LINE 1: SELEC 1");
    }

    @Test
    void cliCaretOnLaterLineAndColumn()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "SELECT 1,\n       2\nFROM WHERE");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<String> lines = result.stderr().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines.get(0)).as(result.toString()).matches("Query " + QUERY_ID + " failed: Parser Error: syntax error at or near \"WHERE\"");
        // DuckDB's own excerpt is not repeated in the message: the CLI draws the only one.
        assertThat(lines).as(result.toString()).containsExactly(lines.get(0), "LINE 3: FROM WHERE", "             ^");
    }

    @Test
    void jdbcReportsMessageAndErrorCode()
            throws Exception
    {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            SQLException failure = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("SELECT FROM WHERE").close());

            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getMessage()).matches("Query failed \\(#" + QUERY_ID + "\\): Parser Error: syntax error at or near \"WHERE\"");
            // Trino's SYNTAX_ERROR.
            assertThat(failure.getErrorCode()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', textBlock = """
            SELEC 1 # SYNTAX_ERROR # 1 # 1 # 1
            SELECT FROM WHERE # SYNTAX_ERROR # 1 # 13 # 1
            '\n\n  SELEC 1' # SYNTAX_ERROR # 3 # 3 # 1
            SELECT * FROM nope # TABLE_NOT_FOUND # 1 # 15 # 46
            SELECT nope # COLUMN_NOT_FOUND # 1 # 8 # 47
            SELECT 'é' || nope # COLUMN_NOT_FOUND # 1 # 15 # 47
            SELECT CAST('x' AS INTEGER) # INVALID_CAST_ARGUMENT # 1 # 8 # 9
            """)
    void protocolCarriesErrorNameAndLocation(String sql, String errorName, long line, long column, long code)
            throws Exception
    {
        sql = sql.replace("\\n", "\n");
        Map<String, Object> results = TestingServer.json(server.post(sql));
        while (results.containsKey("nextUri")) {
            results = TestingServer.json(server.get((String) results.get("nextUri")));
        }

        assertThat(state(results)).isEqualTo("FAILED");
        Map<String, Object> error = error(results);
        assertThat(error).containsEntry("errorName", errorName).containsEntry("errorType", "USER_ERROR").containsEntry("errorCode", code);
        assertThat(error.get("errorLocation")).isEqualTo(Map.of("lineNumber", line, "columnNumber", column));
        assertThat((String) error.get("message")).doesNotContain("\nLINE ");
    }
}
