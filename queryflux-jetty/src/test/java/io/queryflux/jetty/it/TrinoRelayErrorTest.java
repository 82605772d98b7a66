package io.queryflux.jetty.it;

import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trino's errors come through QueryFlux whole: a syntax error keeps its message, error code and
 * location, so trino-jdbc reports the same exception and the CLI draws its caret under the same
 * character as they do directly.
 */
@Tag("it")
class TrinoRelayErrorTest
{
    private static final String SYNTAX_ERROR = "SELECT ,1 FROM tpch.tiny.nation";

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

    @Test
    void syntaxErrorKeepsItsLocationInTheProtocol()
            throws IOException, InterruptedException
    {
        Map<String, Object> direct = finalError(trino.uri());
        Map<String, Object> proxied = finalError(queryFlux.uri());

        assertThat(proxied.get("errorLocation")).isEqualTo(Map.of("lineNumber", 1L, "columnNumber", 8L)).isEqualTo(direct.get("errorLocation"));
        assertThat(proxied.get("errorName")).isEqualTo("SYNTAX_ERROR").isEqualTo(direct.get("errorName"));
        assertThat(proxied.get("errorCode")).isEqualTo(direct.get("errorCode"));
        assertThat(proxied.get("errorType")).isEqualTo("USER_ERROR").isEqualTo(direct.get("errorType"));
        assertThat(proxied.get("message")).isEqualTo(direct.get("message"));
        assertThat((String) proxied.get("message")).startsWith("line 1:8: ");
        queryFlux.awaitIdle();
    }

    @Test
    void syntaxErrorThroughJdbcMatchesDirect()
    {
        SQLException direct = jdbcFailure(trino.jdbcUrl());
        SQLException proxied = jdbcFailure(queryFlux.jdbcUrl());

        assertThat(withoutQueryIds(proxied.getMessage())).isEqualTo(withoutQueryIds(direct.getMessage()));
        assertThat(proxied.getMessage()).contains("line 1:8: ");
        assertThat(proxied.getSQLState()).isEqualTo(direct.getSQLState());
        assertThat(proxied.getErrorCode()).isEqualTo(direct.getErrorCode()).isNotZero();
        assertThat(proxied.getCause()).isNotNull();
        assertThat(proxied.getCause().getClass()).isEqualTo(direct.getCause().getClass());
        assertThat(proxied.getCause().getMessage()).isEqualTo(direct.getCause().getMessage());
        queryFlux.awaitIdle();
    }

    @Test
    void syntaxErrorThroughCliShowsTheSameCaret()
    {
        TestingTrinoCli.Result direct = TestingTrinoCli.execute(trino.uri(), SYNTAX_ERROR);
        TestingTrinoCli.Result proxied = TestingTrinoCli.execute(queryFlux.uri(), SYNTAX_ERROR);

        assertThat(direct.exitCode()).as(direct::toString).isNotZero();
        assertThat(proxied.exitCode()).as(proxied::toString).isEqualTo(direct.exitCode());
        assertThat(withoutQueryIds(proxied.output())).isEqualTo(withoutQueryIds(direct.output()));
        // The CLI echoes the statement after "LINE 1: " and marks column 8 (the comma) with a caret.
        assertThat(proxied.stderr()).contains("line 1:8: ", "LINE 1: " + SYNTAX_ERROR + "\n" + " ".repeat("LINE 1: ".length() + 7) + "^\n");
        queryFlux.awaitIdle();
    }

    /** A query that fails while it produces rows (in the last order of the table): the failure reaches the client as it does directly. */
    @Test
    void failureAfterRowsThroughJdbcMatchesDirect()
    {
        String sql = "SELECT orderkey, 1 / (orderkey - 60000) FROM tpch.tiny.lineitem";
        SQLException direct = jdbcFailure(trino.jdbcUrl(), sql);
        SQLException proxied = jdbcFailure(queryFlux.jdbcUrl(), sql);

        assertThat(withoutQueryIds(proxied.getMessage())).isEqualTo(withoutQueryIds(direct.getMessage())).contains("Division by zero");
        assertThat(proxied.getSQLState()).isEqualTo(direct.getSQLState());
        assertThat(proxied.getErrorCode()).isEqualTo(direct.getErrorCode()).isNotZero();
        queryFlux.awaitIdle();
    }

    private static SQLException jdbcFailure(String jdbcUrl)
    {
        return jdbcFailure(jdbcUrl, SYNTAX_ERROR);
    }

    /** Runs {@code sql} and reads all its rows; returns the exception that ends it. */
    private static SQLException jdbcFailure(String jdbcUrl, String sql)
    {
        SQLException[] failure = new SQLException[1];
        assertThatThrownBy(() -> {
            try (Connection connection = QueryFluxOnTrino.connect(jdbcUrl, new Properties());
                    Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery(sql)) {
                while (resultSet.next()) {
                    resultSet.getObject(2);
                }
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> failure[0] = e);
        return failure[0];
    }

    /** Runs the statement by hand and returns the error of the page that ends it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> finalError(URI server)
            throws IOException, InterruptedException
    {
        List<Map<String, Object>> pages = new RawTrinoClient().run(server, SYNTAX_ERROR, Map.of());
        Map<String, Object> last = pages.get(pages.size() - 1);
        assertThat(last).containsKey("error");
        return (Map<String, Object>) last.get("error");
    }

    private static String withoutQueryIds(String text)
    {
        return text.replaceAll("\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}", "<query-id>");
    }
}
