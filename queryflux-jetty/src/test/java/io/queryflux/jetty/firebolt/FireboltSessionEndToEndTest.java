package io.queryflux.jetty.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.jetty.TestingServer;
import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Firebolt's client-side session kept in the Trino client's session: the database as the catalog,
 * and explicit transactions under a transaction id the proxy hands out.
 */
class FireboltSessionEndToEndTest
{
    private TestingFireboltServer firebolt;
    private TestingFireboltCore core;

    @BeforeEach
    void start()
    {
        firebolt = TestingFireboltServer.start(4);
        core = firebolt.core();
        core.execute("CREATE SCHEMA sales", "CREATE TABLE sales.orders (id INTEGER)", "INSERT INTO sales.orders VALUES (1), (2)");
    }

    @AfterEach
    void stop()
    {
        firebolt.close();
    }

    // trino-jdbc and the CLI take X-Trino-Set-Catalog from the last response of a query only (a
    // response without it resets it): this needs the Trino frontend to send it on the final page.
    @Test
    void useDatabaseChangesTheJdbcCatalogAndTheNextQueryCarriesIt()
            throws SQLException
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("USE DATABASE sales");

            assertThat(connection.getCatalog()).isEqualTo("sales");
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM orders")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(2);
            }
        }
        assertThat(core.requests("SELECT count(*) FROM orders")).singleElement()
                .satisfies(request -> assertThat(request.parameters()).containsEntry("database", "sales"));
    }

    @Test
    void useDatabaseAnswersSetCatalogAndACatalogBecomesTheDatabase()
            throws Exception
    {
        TestingServer server = firebolt.server();
        List<String> setCatalog = new ArrayList<>();
        HttpResponse<String> response = server.post("USE DATABASE sales");
        while (true) {
            response.headers().firstValue("X-Trino-Set-Catalog").ifPresent(setCatalog::add);
            Map<String, Object> results = TestingServer.json(response);
            if (!results.containsKey("nextUri")) {
                assertThat(results).doesNotContainKey("error");
                break;
            }
            response = server.get((String) results.get("nextUri"));
        }
        // Every page after the change repeats it: Trino clients read Set-Catalog from each page.
        assertThat(setCatalog).isNotEmpty().containsOnly("sales");

        // The next query of a client whose catalog is now "sales".
        HttpResponse<String> next = server.send(HttpRequest.newBuilder(server.uri().resolve("/v1/statement"))
                .header("X-Trino-Catalog", "sales")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT count(*) FROM orders")));
        Map<String, Object> results = TestingServer.json(next);
        while (results.containsKey("nextUri")) {
            results = TestingServer.json(server.get((String) results.get("nextUri")));
        }
        assertThat(results).doesNotContainKey("error");
        assertThat(core.requests("SELECT count(*) FROM orders")).singleElement()
                .satisfies(request -> assertThat(request.parameters()).containsEntry("database", "sales"));
    }

    @Test
    void useDatabaseCarriesOverInTheCli()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(firebolt.server().uri(), "USE DATABASE sales; SELECT count(*) FROM orders", "--output-format=CSV");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).as(result.toString()).containsExactly("\"2\"");
        assertThat(core.requests("SELECT count(*) FROM orders")).singleElement()
                .satisfies(request -> assertThat(request.parameters()).containsEntry("database", "sales"));
    }

    @Test
    void jdbcTransactionCommitsBothInserts()
            throws SQLException
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            connection.setCatalog("sales");
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO orders VALUES (10)");
            statement.executeUpdate("INSERT INTO orders VALUES (11)");
            // Not visible outside the transaction before the commit.
            assertThat(count("SELECT count(*) FROM orders")).isEqualTo(2);
            connection.commit();
        }

        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(4);
        assertThat(core.requests("BEGIN TRANSACTION")).hasSize(1);
        assertThat(core.requests("INSERT INTO orders VALUES (11)")).singleElement()
                .satisfies(request -> assertThat(request.parameters()).containsKey("transaction_id").containsEntry("transaction_sequence_id", "0"));
        assertThat(core.openTransactions()).isZero();
    }

    @Test
    void jdbcRollbackDiscardsTheInsert()
            throws SQLException
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            connection.setCatalog("sales");
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO orders VALUES (10)");
            connection.rollback();
            // The connection goes on outside the transaction it rolled back.
            connection.setAutoCommit(true);
            statement.executeUpdate("INSERT INTO orders VALUES (12)");
        }

        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(3);
        assertThat(core.openTransactions()).isZero();
        assertThat(core.requests("INSERT INTO orders VALUES (12)")).singleElement()
                .satisfies(request -> assertThat(request.parameters()).doesNotContainKey("transaction_id"));
    }

    private long count(String sql)
            throws SQLException
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            connection.setCatalog("sales");
            try (ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
