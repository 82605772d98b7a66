package io.queryflux.jetty.it;

import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness itself: a real Trino answers trino-jdbc and the Trino CLI directly, with no
 * QueryFlux in between. When this fails, so does every test against Trino.
 */
@Tag("it")
class TrinoServerSmokeTest
{
    private static TestingTrinoServer trino;

    @BeforeAll
    static void startTrino()
    {
        trino = TestingTrinoServer.shared();
    }

    @Test
    void jdbcCountsTpchNations()
            throws SQLException
    {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT count(*) FROM tpch.tiny.nation")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong(1)).isEqualTo(25);
            assertThat(resultSet.next()).isFalse();
        }
    }

    @Test
    void jdbcWritesAndReadsTheMemoryCatalog()
            throws SQLException
    {
        String table = "memory.default.smoke_" + System.nanoTime();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE " + table + " AS SELECT regionkey, name FROM tpch.tiny.region");
            try (ResultSet resultSet = statement.executeQuery("SELECT name FROM " + table + " WHERE regionkey = 2")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getString(1)).isEqualTo("ASIA");
                assertThat(resultSet.next()).isFalse();
            }
            statement.executeUpdate("DROP TABLE " + table);
        }
    }

    @Test
    void cliRunsSelectOne()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(trino.uri(), "SELECT 1", "--output-format=CSV");
        assertThat(result.exitCode()).as(result::toString).isZero();
        assertThat(result.lines()).as(result::toString).containsExactly("\"1\"");
    }

    private static Connection connect()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "test");
        return DriverManager.getConnection(trino.jdbcUrl(), properties);
    }
}
