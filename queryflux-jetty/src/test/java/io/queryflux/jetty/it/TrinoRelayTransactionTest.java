package io.queryflux.jetty.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * trino-jdbc transactions through QueryFlux: Trino's {@code X-Trino-Started-Transaction-Id} reaches
 * the client, the client's {@code X-Trino-Transaction-Id} reaches Trino on every later statement,
 * and {@code X-Trino-Clear-Transaction-Id} ends it. Trino's own table of open transactions is the
 * witness: one transaction spans the statements, and it is gone after commit or rollback.
 */
@Tag("it")
class TrinoRelayTransactionTest
{
    private static final Duration TRANSACTION_END_TIMEOUT = Duration.ofSeconds(5);

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
    void readOnlyTransactionSpansStatementsUntilCommit()
            throws SQLException
    {
        String table = "memory.default.qf_tx_read_" + System.nanoTime();
        try (Connection connection = queryFlux.connect();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE " + table + " AS SELECT * FROM (VALUES 1, 2) t(x)");
            Set<String> before = openTransactions().keySet();

            connection.setAutoCommit(false);
            assertThat(count(statement, "SELECT count(*) FROM " + table)).isEqualTo(2);
            String transaction = newTransaction(before);
            assertThat(openTransactions().get(transaction)).contains("memory").doesNotContain("tpch");

            // The second statement runs in the same transaction only if QueryFlux passed the client's X-Trino-Transaction-Id on.
            assertThat(count(statement, "SELECT count(*) FROM tpch.tiny.nation")).isEqualTo(25);
            assertThat(openTransactions().get(transaction)).contains("memory", "tpch");

            connection.commit();
            awaitEnded(transaction);

            // The next statement starts a transaction of its own.
            assertThat(count(statement, "SELECT count(*) FROM " + table)).isEqualTo(2);
            String next = newTransaction(before);
            assertThat(next).isNotEqualTo(transaction);
            connection.rollback();
            awaitEnded(next);

            connection.setAutoCommit(true);
            statement.executeUpdate("DROP TABLE " + table);
        }
        queryFlux.awaitIdle();
    }

    /**
     * A write in a transaction: Trino's memory connector refuses it (it takes writes in auto-commit
     * mode only); the client sees the same refusal through QueryFlux as directly, rolls back, and
     * the table reads back the same afterwards.
     */
    @Test
    void writeInTransactionEndsAsItDoesDirectly()
            throws SQLException
    {
        List<String> direct = writeInTransaction(trino.jdbcUrl(), "memory.default.qf_tx_direct_" + System.nanoTime());
        List<String> proxied = writeInTransaction(queryFlux.jdbcUrl(), "memory.default.qf_tx_proxied_" + System.nanoTime());

        assertThat(proxied).containsExactlyElementsOf(direct);
        // Trino 476's memory connector takes writes in auto-commit mode only.
        assertThat(proxied).containsExactly(
                "count 2",
                "insert failed: Query failed (#<query-id>): Catalog only supports writes using autocommit: memory",
                "rolled back",
                "count 2");
        queryFlux.awaitIdle();
    }

    private static List<String> writeInTransaction(String jdbcUrl, String table)
            throws SQLException
    {
        List<String> outcomes = new ArrayList<>();
        try (Connection connection = QueryFluxOnTrino.connect(jdbcUrl, new Properties());
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE " + table + " (x bigint)");
            statement.executeUpdate("INSERT INTO " + table + " VALUES 1, 2");
            Set<String> before = openTransactions().keySet();

            connection.setAutoCommit(false);
            outcomes.add("count " + count(statement, "SELECT count(*) FROM " + table));
            String transaction = newTransaction(before);
            boolean inserted;
            try {
                outcomes.add("insert " + statement.executeUpdate("INSERT INTO " + table + " VALUES 3"));
                inserted = true;
            }
            catch (SQLException e) {
                outcomes.add("insert failed: " + withoutQueryId(e.getMessage()));
                inserted = false;
            }
            if (inserted) {
                connection.commit();
                outcomes.add("committed");
            }
            else {
                connection.rollback();
                outcomes.add("rolled back");
            }
            awaitEnded(transaction);

            connection.setAutoCommit(true);
            outcomes.add("count " + count(statement, "SELECT count(*) FROM " + table));
            statement.executeUpdate("DROP TABLE " + table);
        }
        return outcomes;
    }

    private static long count(Statement statement, String sql)
            throws SQLException
    {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getLong(1);
        }
    }

    // Trino's message starts "Query failed (#20250101_120000_00001_abcde): ".
    private static String withoutQueryId(String message)
    {
        return message.replaceAll("\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}", "<query-id>");
    }

    private static String newTransaction(Set<String> before)
            throws SQLException
    {
        Set<String> now = new HashSet<>(openTransactions().keySet());
        now.removeAll(before);
        assertThat(now).as("transactions opened by the test's connection").hasSize(1);
        return now.iterator().next();
    }

    private static void awaitEnded(String transaction)
    {
        QueryFluxOnTrino.await("transaction " + transaction + " ends on Trino", TRANSACTION_END_TIMEOUT, () -> {
            try {
                return !openTransactions().containsKey(transaction);
            }
            catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Trino's open transactions that are not a single statement's own: id to the catalogs it used. */
    private static Map<String, List<String>> openTransactions()
            throws SQLException
    {
        Map<String, List<String>> transactions = new HashMap<>();
        try (Connection connection = QueryFluxOnTrino.connect(trino.jdbcUrl(), new Properties());
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT transaction_id, catalogs FROM system.runtime.transactions WHERE NOT auto_commit_context")) {
            while (resultSet.next()) {
                Array catalogs = resultSet.getArray(2);
                transactions.put(resultSet.getString(1), Arrays.stream((Object[]) catalogs.getArray()).map(String::valueOf).toList());
            }
        }
        return transactions;
    }
}
