package io.queryflux.jetty;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TestingConfigs.DUCKDB_GROUP;
import static io.queryflux.jetty.TrinoAssertions.error;
import static io.queryflux.jetty.TrinoAssertions.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cancels reach DuckDB itself: a long DuckDB query stopped by JDBC {@code Statement.cancel()}, by
 * {@code DELETE nextUri}, or by a client that closes its result early gives its slot and its pooled
 * connection back, in a group that admits one query at a time (so a leak stalls the next query).
 */
class DuckDbCancelTest
{
    // Minutes of work for DuckDB; only a cancel ends it within the test's deadlines.
    private static final String LONG_QUERY = "SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000) b";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingConfigs.duckDb(1, Map.of("targetPageBytes", 16 * 1024, "clientTimeout", "1s", "maxWait", "200ms")));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @AfterEach
    void slotAndConnectionAreFree()
            throws Exception
    {
        TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(DUCKDB_GROUP) == 0);
        assertThat(server.queryFlux().queuedQueries(DUCKDB_GROUP)).isZero();
        assertThat(selectOne()).isEqualTo(1);
    }

    @Test
    void statementCancel()
            throws Exception
    {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            // trino-jdbc's cancel() is a no-op until the executing thread has its client (after the
            // POST returned); the progress monitor is first called from that client's polling loop.
            java.util.concurrent.CountDownLatch polling = new java.util.concurrent.CountDownLatch(1);
            statement.unwrap(io.trino.jdbc.TrinoStatement.class).setProgressMonitor(stats -> polling.countDown());
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    statement.executeQuery(LONG_QUERY).close();
                }
                catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(polling.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the client polls").isTrue();
            TestingServer.await("the query runs", DEADLINE, () -> server.queryFlux().runningQueries(DUCKDB_GROUP) == 1);

            statement.cancel();

            assertThatThrownBy(() -> running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().cause().isInstanceOf(SQLException.class);
            // The slot is released only once the backend has returned, i.e. DuckDB stopped.
            TestingServer.await("DuckDB stopped and the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(DUCKDB_GROUP) == 0);
        }
        assertThat(selectOne()).isEqualTo(1);
    }

    @Test
    void deleteOfNextUriWithAQueryQueuedBehind()
            throws Exception
    {
        Map<String, Object> first = TestingServer.json(server.post(LONG_QUERY));
        assertThat(state(first)).isEqualTo("RUNNING");
        Map<String, Object> second = TestingServer.json(server.post("SELECT 42"));
        assertThat(state(second)).isEqualTo("QUEUED");
        assertThat((String) second.get("nextUri")).contains("/qf/queued/");
        assertThat(server.queryFlux().queuedQueries(DUCKDB_GROUP)).isEqualTo(1);

        assertThat(server.delete((String) first.get("nextUri")).statusCode()).isEqualTo(204);

        // The queued query gets the slot and runs to the end.
        List<Object> rows = new java.util.ArrayList<>();
        while (second.containsKey("nextUri")) {
            second = TestingServer.json(server.get((String) second.get("nextUri")));
            if (second.containsKey("data")) {
                rows.addAll((List<?>) second.get("data"));
            }
        }
        assertThat(state(second)).isEqualTo("FINISHED");
        assertThat(rows).containsExactly(List.of(42L));
        Map<String, Object> cancelled = TestingServer.json(server.get((String) first.get("nextUri")));
        assertThat(error(cancelled).get("errorName")).isEqualTo("USER_CANCELED");
    }

    @Test
    void resultSetsClosedEarlyReturnTheirConnection()
            throws Exception
    {
        // Each query is abandoned after one row while DuckDB still has rows to stream.
        for (int i = 0; i < 4; i++) {
            try (Connection connection = server.connect();
                    Statement statement = connection.createStatement();
                    ResultSet resultSet = statement.executeQuery("SELECT i FROM range(1000000) t(i)")) {
                assertThat(resultSet.next()).isTrue();
                assertThat(resultSet.getLong(1)).isZero();
            }
            TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(DUCKDB_GROUP) == 0);
            assertThat(selectOne()).isEqualTo(1);
        }
    }

    @Test
    void abandonedQueryStopsDuckDb()
            throws Exception
    {
        // DuckDB streams far more rows than the client reads; the producer waits for room ...
        Map<String, Object> results = TestingServer.json(server.post("SELECT i, 'row-' || i FROM range(100000000) t(i)"));
        results = TestingServer.json(server.get((String) results.get("nextUri")));
        assertThat(state(results)).isEqualTo("RUNNING");
        assertThat(server.queryFlux().runningQueries(DUCKDB_GROUP)).isEqualTo(1);
        // ... until the client has been silent for clientTimeout (1 s): then the query is cancelled.
        TestingServer.await("the abandoned query's slot is released", DEADLINE, () -> server.queryFlux().runningQueries(DUCKDB_GROUP) == 0);
    }

    @Test
    void failedQueriesReturnTheirConnection()
            throws Exception
    {
        for (String sql : new String[] {
                "SELEC 1",
                "SELECT * FROM nope",
                // Fails while rows stream: the value does not fit the column's decimal(38, 0).
                "SELECT CASE WHEN i < 50000 THEN i::HUGEINT ELSE 170141183460469231731687303715884105727::HUGEINT END FROM range(100000) t(i)",
                "SELECT CAST('x' || i AS INTEGER) FROM range(10) t(i)"}) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> {
                        try (ResultSet resultSet = statement.executeQuery(sql)) {
                            while (resultSet.next()) {
                                resultSet.getObject(1);
                            }
                        }
                    }).as(sql).isInstanceOf(SQLException.class);
                }
                TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(DUCKDB_GROUP) == 0);
                assertThat(selectOne()).isEqualTo(1);
            }
        }
    }

    @Test
    void hugeintOutOfRangeIsAnErrorNotWrongData()
            throws Exception
    {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            // The columns are known before the value fails, so the error surfaces while reading rows.
            assertThatThrownBy(() -> {
                try (ResultSet resultSet = statement.executeQuery("SELECT 170141183460469231731687303715884105727::HUGEINT")) {
                    while (resultSet.next()) {
                        resultSet.getObject(1);
                    }
                }
            })
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not fit decimal(38, 0)")
                    .extracting(failure -> ((SQLException) failure).getErrorCode())
                    .isEqualTo(0x13); // NUMERIC_VALUE_OUT_OF_RANGE
        }
    }

    private static int selectOne()
            throws SQLException
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT 1")) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getInt(1);
        }
    }
}
