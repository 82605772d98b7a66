package io.queryflux.jetty;

import io.queryflux.core.QueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smallest end-to-end path: trino-jdbc and the Trino CLI run {@code SELECT 42} on the default
 * embedded DuckDB engine.
 */
class SelectTest
{
    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingConfigs.duckDb(4, Map.of()));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void jdbc()
            throws Exception
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT 42")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getInt(1)).isEqualTo(42);
            assertThat(resultSet.getObject(1)).isEqualTo(42);
            assertThat(resultSet.getMetaData().getColumnTypeName(1)).isEqualTo("integer");
            assertThat(resultSet.next()).isFalse();
        }
    }

    @Test
    void jdbcColumnNames()
            throws Exception
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT 42 AS answer, 'x' AS \"Mixed Case\"")) {
            assertThat(resultSet.getMetaData().getColumnCount()).isEqualTo(2);
            assertThat(resultSet.getMetaData().getColumnLabel(1)).isEqualTo("answer");
            assertThat(resultSet.getMetaData().getColumnLabel(2)).isEqualTo("Mixed Case");
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getInt("answer")).isEqualTo(42);
            assertThat(resultSet.getString("Mixed Case")).isEqualTo("x");
        }
    }

    @Test
    void cli()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "SELECT 42", "--output-format=CSV");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).isEqualTo("\"42\"\n");
    }

    @Test
    void cliAlignedWithHeader()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "SELECT 42 AS answer", "--output-format=ALIGNED");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).as(result.toString()).containsExactly(" answer ", "--------", "     42 ", "(1 row)");
    }

    @Test
    void databaseProductVersionComesFromInfo()
            throws Exception
    {
        try (Connection connection = server.connect()) {
            DatabaseMetaData metaData = connection.getMetaData();
            assertThat(metaData.getDatabaseProductName()).isEqualTo("Trino");
            assertThat(metaData.getDatabaseProductVersion()).isEqualTo(QueryFlux.VERSION);
        }
        Map<String, Object> info = TestingServer.json(server.get(server.uri() + "/v1/info"));
        assertThat(info).containsEntry("nodeVersion", Map.of("version", QueryFlux.VERSION)).containsEntry("coordinator", true).containsEntry("starting", false);
    }
}
