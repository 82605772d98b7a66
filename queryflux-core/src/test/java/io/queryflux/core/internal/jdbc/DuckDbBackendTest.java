package io.queryflux.core.internal.jdbc;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.Backend;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.queryflux.core.internal.jdbc.DuckDbTesting.create;
import static io.queryflux.core.internal.jdbc.DuckDbTesting.createReporting;
import static io.queryflux.core.internal.jdbc.DuckDbTesting.inMemoryDuckDb;
import static io.queryflux.core.internal.jdbc.DuckDbTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DuckDbBackendTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void pooledConnectionsShareTheInMemoryDatabase()
            throws Exception
    {
        try (Backend backend = inMemoryDuckDb(2)) {
            run(backend, "CREATE TABLE shared AS SELECT 42 AS x");

            // Hold the only open connection, so that the next query has to open a second one.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            TestingResultSink blocked = new TestingResultSink(row -> {
                holding.countDown();
                await(release);
            });
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> run(backend, "SELECT 1", blocked, new TestingCancellation()));
            assertThat(holding.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            assertThat(run(backend, "SELECT x FROM shared").onlyValue()).isEqualTo(42);
            release.countDown();
            holder.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void separateBackendsHaveSeparateInMemoryDatabases()
    {
        try (Backend first = inMemoryDuckDb(1); Backend second = inMemoryDuckDb(1)) {
            run(first, "CREATE TABLE only_here (x INTEGER)");
            assertThatThrownBy(() -> run(second, "SELECT * FROM only_here"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
        }
    }

    @Test
    void initSqlRunsOnceAtStart()
    {
        Map<String, Object> config = Map.of(
                "databasePath", ":memory:",
                "initSql", List.of("CREATE SCHEMA demo", "CREATE TABLE demo.numbers AS SELECT * FROM range(3) t(n)"),
                "properties", Map.of("threads", "2"));
        try (Backend backend = create(new DuckDbBackendFactory(), config, 4)) {
            assertThat(run(backend, "SELECT count(*) FROM demo.numbers").onlyValue()).isEqualTo(3L);
            assertThat(run(backend, "SELECT current_setting('threads')").onlyValue()).isEqualTo(2L);
        }
    }

    @Test
    void statementsWithoutResultReportTheirUpdateCount()
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            assertThat(run(backend, "CREATE TABLE t (a INTEGER)").updateCount()).isEqualTo(0L);
            assertThat(run(backend, "INSERT INTO t VALUES (1), (2), (3)").updateCount()).isEqualTo(3L);
            assertThat(run(backend, "UPDATE t SET a = a + 1 WHERE a > 1").updateCount()).isEqualTo(2L);
            assertThat(run(backend, "DELETE FROM t").updateCount()).isEqualTo(3L);
            TestingResultSink select = run(backend, "SELECT * FROM t");
            assertThat(select.updateCount()).isNull();
            assertThat(select.typeNames()).containsExactly("integer");
            assertThat(select.rows()).isEmpty();
        }
    }

    @Test
    void cancellingFromAnotherThreadStopsALongQuery()
            throws Exception
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            TestingCancellation cancellation = new TestingCancellation();
            CompletableFuture<Void> query = CompletableFuture.runAsync(
                    () -> run(backend, "SELECT count(*) FROM range(10000000000000)", new TestingResultSink(), cancellation));
            assertThat(cancellation.awaitRegistration(TIMEOUT)).isTrue();
            cancellation.cancel();

            assertThatThrownBy(() -> query.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .cause()
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
            // The connection went back to the pool of one.
            assertThat(run(backend, "SELECT 1").onlyValue()).isEqualTo(1);
        }
    }

    @Test
    void theCancelActionInterruptsTheRunningStatement()
            throws Exception
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            // Only Statement.cancel can end this query: the backend never sees isCancelled() = true.
            TestingCancellation cancellation = TestingCancellation.actionsOnly();
            CompletableFuture<Void> query = CompletableFuture.runAsync(
                    () -> run(backend, "SELECT count(*) FROM range(10000000000000)", new TestingResultSink(), cancellation));
            assertThat(cancellation.awaitRegistration(TIMEOUT)).isTrue();
            cancellation.cancel();

            assertThatThrownBy(() -> query.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .cause()
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
            assertThat(run(backend, "SELECT 1").onlyValue()).isEqualTo(1);
        }
    }

    @Test
    void cancellingWhileRowsStreamStopsTheQuery()
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            TestingCancellation cancellation = new TestingCancellation();
            TestingResultSink sink = new TestingResultSink(row -> {
                if (row == 10) {
                    cancellation.cancel();
                }
            });
            assertThatThrownBy(() -> run(backend, "SELECT * FROM range(100000000000)", sink, cancellation))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
            assertThat(sink.rowsSeen()).isLessThan(1_000_000);
            assertThat(run(backend, "SELECT 1").onlyValue()).isEqualTo(1);
        }
    }

    @Test
    void aQueryCancelledBeforeItStartsDoesNotRun()
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            run(backend, "CREATE TABLE t (a INTEGER)");
            TestingCancellation cancellation = new TestingCancellation();
            cancellation.cancel();
            assertThatThrownBy(() -> run(backend, "INSERT INTO t VALUES (1)", new TestingResultSink(), cancellation))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
            assertThat(run(backend, "SELECT count(*) FROM t").onlyValue()).isEqualTo(0L);
        }
    }

    @Test
    void aSinkThatGivesUpReleasesTheConnection()
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            TestingResultSink sink = new TestingResultSink(row -> {
                if (row == 5) {
                    throw new QueryFluxException(ErrorCode.USER_CANCELED, "client went away");
                }
            });
            assertThatThrownBy(() -> run(backend, "SELECT * FROM range(1000000)", sink, new TestingCancellation()))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED))
                    .hasMessage("client went away");
            assertThat(sink.rowsSeen()).isEqualTo(5);
            // With a pool of one, a leaked connection would make this wait and fail.
            assertThat(run(backend, "SELECT 2").onlyValue()).isEqualTo(2);
        }
    }

    @Test
    void mapsEngineErrors()
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            run(backend, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR)");
            run(backend, "INSERT INTO t VALUES (1, 'a')");

            assertError(backend, "SELEC 1", ErrorCode.SYNTAX_ERROR, new ErrorLocation(1, 1));
            assertError(backend, "SELECT *\nFROM t\nWHERE id = = 1", ErrorCode.SYNTAX_ERROR, new ErrorLocation(3, 12));
            assertError(backend, "SELECT * FROM nope", ErrorCode.TABLE_NOT_FOUND, new ErrorLocation(1, 15));
            assertError(backend, "SELECT id,\n  nope FROM t", ErrorCode.COLUMN_NOT_FOUND, new ErrorLocation(2, 3));
            assertError(backend, "SELECT * FROM nosuch.t", ErrorCode.SCHEMA_NOT_FOUND, new ErrorLocation(1, 15));
            assertError(backend, "SELECT nofunc(1)", ErrorCode.FUNCTION_NOT_FOUND, new ErrorLocation(1, 8));
            assertError(backend, "SELECT 'abc'::INTEGER", ErrorCode.INVALID_CAST_ARGUMENT, new ErrorLocation(1, 13));
            assertError(backend, "SELECT 2147483647::INTEGER + 1", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, null);
            assertError(backend, "INSERT INTO t VALUES (1, 'b')", ErrorCode.CONSTRAINT_VIOLATION, null);
            assertError(backend, "CREATE TABLE t (x INTEGER)", ErrorCode.TABLE_ALREADY_EXISTS, null);

            // Failed queries leave the connection usable.
            assertThat(run(backend, "SELECT count(*) FROM t").onlyValue()).isEqualTo(1L);
        }
    }

    @Test
    void errorMessagesKeepTheEngineTextWithoutNoise()
    {
        try (Backend backend = inMemoryDuckDb(1)) {
            assertThatThrownBy(() -> run(backend, "SELECT * FROM nope"))
                    .hasMessageStartingWith("Catalog Error: Table with name nope does not exist!")
                    .hasMessageNotContaining("pending query")
                    .hasMessageNotContaining("LINE 1:");
        }
    }

    @Test
    void readOnlyDatabaseRefusesWrites(@TempDir Path directory)
    {
        String path = directory.resolve("data.duckdb").toString();
        try (Backend writer = create(new DuckDbBackendFactory(), Map.of("databasePath", path, "initSql", List.of("CREATE TABLE t AS SELECT 7 AS x")), 1)) {
            assertThat(run(writer, "SELECT x FROM t").onlyValue()).isEqualTo(7);
        }
        try (Backend reader = create(new DuckDbBackendFactory(), Map.of("databasePath", path, "readOnly", true), 2)) {
            assertThat(run(reader, "SELECT x FROM t").onlyValue()).isEqualTo(7);
            assertThatThrownBy(() -> run(reader, "INSERT INTO t VALUES (8)"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.READ_ONLY_VIOLATION));
        }
    }

    @Test
    void aClosedBackendFailsQueries()
    {
        Backend backend = inMemoryDuckDb(1);
        run(backend, "SELECT 1");
        backend.close();
        assertThatThrownBy(() -> run(backend, "SELECT 1"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE));
    }

    @Test
    void configProblemsAreReportedNotThrown()
    {
        assertProblems(Map.of(), "clusters[0].databasePath is required");
        assertProblems(Map.of("databasePath", ":memory:", "readOnly", true), "clusters[0].readOnly cannot be true for an in-memory database");
        assertProblems(Map.of("databasePath", ":memory:", "initSql", List.of("SELECT 1", "CREATE TABLE x (")),
                "clusters[0].initSql[1] failed: Parser Error: syntax error at end of input");
        assertProblems(Map.of("databasePath", ":memory:", "properties", Map.of("threads", "many")),
                "clusters[0].databasePath cannot be opened: ");
        assertProblems(Map.of("databasePath", "/nonexistent-directory/x.duckdb"), "clusters[0].databasePath cannot be opened: ");
    }

    private static void assertProblems(Map<String, ?> config, String expectedStart)
    {
        ConfigProblems problems = new ConfigProblems();
        Backend backend = createReporting(new DuckDbBackendFactory(), config, 1, problems);
        assertThat(backend).isNull();
        assertThat(problems.list()).hasSize(1);
        assertThat(problems.list().get(0)).startsWith(expectedStart);
    }

    private static void assertError(Backend backend, String sql, ErrorCode code, ErrorLocation location)
    {
        assertThatThrownBy(() -> run(backend, sql))
                .as(sql)
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).as(sql + ": " + e.getMessage()).isEqualTo(code);
                    assertThat(e.location()).as(sql + ": " + e.getMessage()).isEqualTo(Optional.ofNullable(location));
                });
    }

    private static void await(CountDownLatch latch)
    {
        try {
            if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("timed out");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
