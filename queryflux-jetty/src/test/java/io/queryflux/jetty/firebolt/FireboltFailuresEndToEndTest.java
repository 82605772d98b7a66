package io.queryflux.jetty.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.core.testing.TestingFireboltCore.Scripted;
import io.queryflux.jetty.TestingServer;
import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TestingServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What Trino clients see when Firebolt fails: errors with their location, a refused move to a foreign
 * host, and an engine that dies mid-result (which also frees the query's slot).
 */
class FireboltFailuresEndToEndTest
{
    private static TestingFireboltServer firebolt;
    private static TestingFireboltCore core;

    @BeforeAll
    static void start()
    {
        firebolt = TestingFireboltServer.start(4);
        core = firebolt.core();
    }

    @AfterAll
    static void stop()
    {
        firebolt.close();
    }

    @Test
    void protocolCarriesErrorNameAndLocation()
            throws Exception
    {
        Map<String, Object> error = failure("SELECT *\nFROM nonexistent");

        assertThat(error).containsEntry("errorName", "TABLE_NOT_FOUND").containsEntry("errorType", "USER_ERROR");
        assertThat((String) error.get("message")).startsWith("Table with name nonexistent does not exist");
        assertThat(error.get("errorLocation")).isEqualTo(Map.of("lineNumber", 2L, "columnNumber", 6L));
    }

    @Test
    void cliDrawsTheCaretUnderTheFailingToken()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(firebolt.server().uri(), "SELECT * FROM nonexistent");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<String> lines = result.stderr().lines().toList();
        assertThat(lines.get(0)).as(result.toString()).matches("Query \\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5} failed: Table with name nonexistent does not exist!.*");
        int lineIndex = lines.indexOf("LINE 1: SELECT * FROM nonexistent");
        assertThat(lineIndex).as(result.toString()).isPositive();
        assertThat(lines.get(lineIndex + 1)).isEqualTo(" ".repeat("LINE 1: ".length() + 14) + "^");
    }

    @Test
    void syntaxErrorIsASyntaxErrorForJdbc()
            throws SQLException
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELEC 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getMessage()).contains("syntax error at or near \"SELEC\"");
                        assertThat(e.getErrorCode()).isEqualTo(1);
                    });
        }
    }

    @Test
    void aMoveToAForeignHostIsRefused()
            throws SQLException
    {
        core.script("USE ENGINE elsewhere", Scripted.of(200, "{\"message_type\":\"START\",\"result_columns\":[]}\n{\"message_type\":\"FINISH_SUCCESSFULLY\"}\n",
                "Firebolt-Update-Endpoint", "http://attacker.example:3473/?database=sales"));
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("USE ENGINE elsewhere"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
                            .contains("attacker.example")
                            .contains("not an endpoint of this cluster"));
            // Nothing of the refused answer stuck to the session.
            assertThat(connection.getCatalog()).isNull();
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                assertThat(result.next()).isTrue();
            }
        }
    }

    @Test
    void anEngineDyingMidStreamGivesACleanErrorAndFreesTheSlot()
            throws SQLException
    {
        String sql = "SELECT i FROM range(200000) t(i)";
        core.dieAfterRows(sql, 20_000);
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> {
                try (ResultSet result = statement.executeQuery(sql)) {
                    while (result.next()) {
                        // Read until the failure arrives.
                    }
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("firebolt-1"));
        }
        await("the slot to be free", Duration.ofSeconds(30), () -> firebolt.runningQueries() == 0);
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 2")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(2);
        }
    }

    private static Map<String, Object> failure(String sql)
            throws Exception
    {
        TestingServer server = firebolt.server();
        Map<String, Object> results = TestingServer.json(server.post(sql));
        while (results.containsKey("nextUri")) {
            results = TestingServer.json(server.get((String) results.get("nextUri")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) results.get("error");
        assertThat(error).as(results.toString()).isNotNull();
        return error;
    }
}
