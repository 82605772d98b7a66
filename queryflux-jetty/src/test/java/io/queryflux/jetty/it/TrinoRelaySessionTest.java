package io.queryflux.jetty.it;

import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session state that Trino hands its clients in response headers (catalog and schema, session
 * properties, prepared statements) comes through QueryFlux, and the clients' next requests carry it
 * back to Trino: the same statements give the same answers as they do directly.
 */
@Tag("it")
class TrinoRelaySessionTest
{
    private static final String PREPARED = "SELECT name, regionkey FROM tpch.tiny.nation WHERE regionkey = ? AND nationkey > ? ORDER BY name";

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
    void cliUseSetsCatalogAndSchemaForTheNextStatement()
    {
        String sql = "USE tpch.tiny; SELECT count(*) FROM nation";
        TestingTrinoCli.Result direct = TestingTrinoCli.execute(trino.uri(), sql, "--output-format=CSV");
        TestingTrinoCli.Result proxied = TestingTrinoCli.execute(queryFlux.uri(), sql, "--output-format=CSV");

        assertThat(direct.exitCode()).as(direct::toString).isZero();
        assertThat(proxied.exitCode()).as(proxied::toString).isZero();
        assertThat(proxied.lines()).as(proxied::toString).containsExactly("\"25\"");
        assertThat(proxied.stdout()).isEqualTo(direct.stdout());
        queryFlux.awaitIdle();
    }

    @Test
    void jdbcUseSetsCatalogAndSchemaOfTheConnection()
            throws SQLException
    {
        try (Connection connection = queryFlux.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("USE tpch.tiny");
            assertThat(connection.getCatalog()).isEqualTo("tpch");
            assertThat(connection.getSchema()).isEqualTo("tiny");
            try (ResultSet resultSet = statement.executeQuery("SELECT count(*) FROM region")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getLong(1)).isEqualTo(5);
            }
        }
        queryFlux.awaitIdle();
    }

    @Test
    void cliSetSessionAppliesToTheNextStatement()
    {
        String sql = "SET SESSION query_max_run_time = '1h'; SHOW SESSION LIKE 'query_max_run_time'";
        TestingTrinoCli.Result direct = TestingTrinoCli.execute(trino.uri(), sql, "--output-format=CSV");
        TestingTrinoCli.Result proxied = TestingTrinoCli.execute(queryFlux.uri(), sql, "--output-format=CSV");

        assertThat(direct.exitCode()).as(direct::toString).isZero();
        assertThat(proxied.exitCode()).as(proxied::toString).isZero();
        assertThat(proxied.lines()).as(proxied::toString).hasSize(1);
        assertThat(proxied.lines().get(0)).startsWith("\"query_max_run_time\",\"1h\",");
        assertThat(proxied.stdout()).isEqualTo(direct.stdout());
        queryFlux.awaitIdle();
    }

    @Test
    void jdbcSetSessionAppliesToTheConnection()
            throws SQLException
    {
        assertThat(sessionValueAfterSet(queryFlux.jdbcUrl())).isEqualTo("1h").isEqualTo(sessionValueAfterSet(trino.jdbcUrl()));
        queryFlux.awaitIdle();
    }

    private static String sessionValueAfterSet(String jdbcUrl)
            throws SQLException
    {
        try (Connection connection = QueryFluxOnTrino.connect(jdbcUrl, new Properties());
                Statement statement = connection.createStatement()) {
            assertThat(showSessionValue(statement)).isNotEqualTo("1h");
            statement.execute("SET SESSION query_max_run_time = '1h'");
            String value = showSessionValue(statement);
            // And RESET SESSION takes it back: X-Trino-Clear-Session comes through too.
            statement.execute("RESET SESSION query_max_run_time");
            assertThat(showSessionValue(statement)).isNotEqualTo("1h");
            return value;
        }
    }

    private static String showSessionValue(Statement statement)
            throws SQLException
    {
        try (ResultSet resultSet = statement.executeQuery("SHOW SESSION LIKE 'query_max_run_time'")) {
            assertThat(resultSet.next()).isTrue();
            String value = resultSet.getString("Value");
            assertThat(resultSet.next()).isFalse();
            return value;
        }
    }

    /** What trino-jdbc sends with every statement (user, time zone, session properties) reaches Trino. */
    @Test
    void jdbcConnectionPropertiesReachTrino()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("timezone", "Asia/Kolkata");
        properties.setProperty("sessionProperties", "query_max_run_time:2h;query_max_execution_time:3h");

        List<String> direct = sessionView(trino.jdbcUrl(), properties);
        List<String> proxied = sessionView(queryFlux.jdbcUrl(), properties);

        assertThat(proxied).containsExactly(QueryFluxOnTrino.USER, "Asia/Kolkata", "2h", "3h").isEqualTo(direct);
        queryFlux.awaitIdle();
    }

    private static List<String> sessionView(String jdbcUrl, Properties properties)
            throws SQLException
    {
        List<String> view = new ArrayList<>();
        try (Connection connection = QueryFluxOnTrino.connect(jdbcUrl, properties);
                Statement statement = connection.createStatement()) {
            try (ResultSet resultSet = statement.executeQuery("SELECT current_user, current_timezone()")) {
                assertThat(resultSet.next()).isTrue();
                view.add(resultSet.getString(1));
                view.add(resultSet.getString(2));
            }
            for (String property : List.of("query_max_run_time", "query_max_execution_time")) {
                try (ResultSet resultSet = statement.executeQuery("SHOW SESSION LIKE '" + property + "'")) {
                    assertThat(resultSet.next()).isTrue();
                    view.add(resultSet.getString("Value"));
                }
            }
        }
        return view;
    }

    /**
     * {@code explicitPrepare=true}: trino-jdbc sends {@code PREPARE}, keeps what
     * {@code X-Trino-Added-Prepare} names and sends it back in {@code X-Trino-Prepared-Statement}
     * with each {@code EXECUTE}; {@code false}: {@code EXECUTE IMMEDIATE}.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void preparedStatementRunsTwiceWithDifferentParameters(boolean explicitPrepare)
            throws SQLException
    {
        List<String> direct = runPrepared(trino.jdbcUrl(), explicitPrepare);
        List<String> proxied = runPrepared(queryFlux.jdbcUrl(), explicitPrepare);

        assertThat(proxied).containsExactlyElementsOf(direct);
        assertThat(proxied).containsExactly(
                "ARGENTINA 1", "BRAZIL 1", "CANADA 1", "PERU 1", "UNITED STATES 1",
                "--",
                "ROMANIA 3", "RUSSIA 3", "UNITED KINGDOM 3");
        queryFlux.awaitIdle();
    }

    private static List<String> runPrepared(String jdbcUrl, boolean explicitPrepare)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("explicitPrepare", String.valueOf(explicitPrepare));
        List<String> rows = new ArrayList<>();
        try (Connection connection = QueryFluxOnTrino.connect(jdbcUrl, properties);
                PreparedStatement statement = connection.prepareStatement(PREPARED)) {
            statement.setLong(1, 1);
            statement.setLong(2, 0);
            readRows(statement, rows);
            rows.add("--");
            statement.setLong(1, 3);
            statement.setLong(2, 8);
            readRows(statement, rows);
        }
        return rows;
    }

    private static void readRows(PreparedStatement statement, List<String> rows)
            throws SQLException
    {
        try (ResultSet resultSet = statement.executeQuery()) {
            while (resultSet.next()) {
                rows.add(resultSet.getString(1) + " " + resultSet.getLong(2));
            }
        }
    }
}
