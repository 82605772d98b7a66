package io.queryflux.core.internal.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.SessionChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.queryflux.core.internal.firebolt.FireboltTesting.TIMEOUT;
import static io.queryflux.core.internal.firebolt.FireboltTesting.await;
import static io.queryflux.core.internal.firebolt.FireboltTesting.backend;
import static io.queryflux.core.internal.firebolt.FireboltTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Firebolt backend against {@link TestingFireboltCore}: results and their types, errors with
 * their location, the database carried in the client's session, cancels, a dying engine and the
 * health check.
 */
class FireboltBackendTest
{
    private TestingFireboltCore core;
    private FireboltBackend backend;

    @BeforeEach
    void start()
    {
        core = TestingFireboltCore.start();
        backend = backend(core);
    }

    @AfterEach
    void stop()
    {
        backend.close();
        core.close();
    }

    @Test
    void sendsOnePostPerStatementAskingForTheStreamingFormat()
    {
        TestingResultSink sink = run(backend, "SELECT 42 AS answer");

        assertThat(sink.columns()).extracting(column -> column.name()).containsExactly("answer");
        assertThat(sink.onlyValue()).isEqualTo(42);
        TestingFireboltCore.Request request = core.requests().get(0);
        assertThat(request.sql()).isEqualTo("SELECT 42 AS answer");
        assertThat(request.parameters()).containsEntry("output_format", "JSONLines_Compact")
                .containsEntry("query_label", "20240101_000000_00000_aaaaa")
                .doesNotContainKey("database");
        assertThat(request.protocolVersion()).isEqualTo("2.3");
    }

    @Test
    void mapsEveryFireboltTypeToItsTrinoType()
    {
        TestingResultSink sink = run(backend, """
                SELECT 7::INTEGER AS i, 9007199254740993::BIGINT AS big, 12::BIGINT AS small_big,
                    1.5::REAL AS r, 2.25::DOUBLE AS d, 'inf'::DOUBLE AS pos_inf, '-inf'::REAL AS neg_inf, 'nan'::DOUBLE AS nan,
                    'text' AS t, true AS b, DATE '2024-02-29' AS dt,
                    TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, TIMESTAMP '2024-01-02 03:04:05' AS ts0,
                    TIMESTAMPTZ '1996-09-03 09:19:33.123456+00' AS tz,
                    '\\xAB\\x01'::BLOB AS bin, 12.34::DECIMAL(10, 2) AS dec, 1::HUGEINT AS huge,
                    [1, NULL, 3] AS arr, [[1], [2, 3]] AS nested, {'a': 1} AS st, NULL::INTEGER AS nothing
                """);

        assertThat(sink.typeNames()).containsExactly(
                "integer", "bigint", "bigint", "real", "double", "double", "real", "double",
                "varchar", "boolean", "date", "timestamp(6)", "timestamp(6)", "timestamp(6) with time zone",
                "varbinary", "decimal(10, 2)", "decimal(38, 0)", "array(integer)", "array(array(integer))", "varchar", "integer");
        List<Object> row = sink.rows().get(0);
        assertThat(row.get(0)).isEqualTo(7);
        assertThat(row.get(1)).isEqualTo(9007199254740993L);
        assertThat(row.get(2)).isEqualTo(12L);
        assertThat(row.get(3)).isEqualTo(1.5f);
        assertThat(row.get(4)).isEqualTo(2.25);
        assertThat(row.get(5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(row.get(6)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat((Double) row.get(7)).isNaN();
        assertThat(row.get(8)).isEqualTo("text");
        assertThat(row.get(9)).isEqualTo(true);
        assertThat(row.get(10)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get(11)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
        assertThat(row.get(12)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(row.get(13)).isEqualTo(OffsetDateTime.of(1996, 9, 3, 9, 19, 33, 123_456_000, ZoneOffset.UTC));
        assertThat((byte[]) row.get(14)).containsExactly(0xAB, 0x01);
        assertThat(row.get(15)).isEqualTo(new BigDecimal("12.34"));
        assertThat(row.get(16)).isEqualTo(new BigDecimal("1"));
        assertThat(row.get(17)).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(row.get(18)).isEqualTo(List.of(List.of(1), List.of(2, 3)));
        assertThat(row.get(19)).isEqualTo("{\"a\":1}");
        assertThat(row.get(20)).isNull();
    }

    @Test
    void streamsResultsLongerThanOneDataMessage()
    {
        TestingResultSink sink = run(backend, "SELECT i FROM range(2500) t(i) ORDER BY i");

        assertThat(sink.rows()).hasSize(2500);
        assertThat(sink.rows().get(2499)).containsExactly(2499L);
    }

    @Test
    void reportsAStatementWithoutResultAsAnUpdate()
    {
        TestingResultSink sink = run(backend, "CREATE TABLE created (x INTEGER)");

        assertThat(sink.columns()).isNull();
        assertThat(sink.updateCount()).isZero();
    }

    @Test
    void reportsSyntaxErrorsWithTheirLocation()
    {
        assertThatThrownBy(() -> run(backend, "SELECT 1,\n  2 +\n  FROM x"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.getMessage()).isEqualTo("syntax error at or near \"FROM\"");
                    assertThat(e.location()).contains(new ErrorLocation(3, 3));
                });
    }

    @Test
    void reportsMissingTablesWithTheirLocation()
    {
        assertThatThrownBy(() -> run(backend, "SELECT *\nFROM nonexistent"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
                    assertThat(e.getMessage()).startsWith("Table with name nonexistent does not exist");
                    assertThat(e.location()).contains(new ErrorLocation(2, 6));
                });
    }

    @Test
    void omitsTheLocationAfterNonAsciiText()
    {
        // DuckDB's caret counts characters while Firebolt's offsets are bytes: unsure, so no caret.
        assertThatThrownBy(() -> run(backend, "SELECT 'é' || 'x', nosuch(1)"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND);
                    assertThat(e.location()).isEmpty();
                });
    }

    @Test
    void reportsAnErrorInTheMiddleOfTheResult()
    {
        TestingResultSink sink = new TestingResultSink();
        assertThatThrownBy(() -> run(backend, new TestingTrinoSession(), "SELECT CAST(x AS INTEGER) FROM (VALUES ('1'), ('2'), ('oops')) t(x)", sink, new TestingCancellation()))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CAST_ARGUMENT);
                    assertThat(e.getMessage()).contains("oops");
                });
    }

    @Test
    void sendsTheClientsCatalogAsTheDatabase()
    {
        core.execute("CREATE SCHEMA sales", "CREATE TABLE sales.orders AS SELECT 1 AS id");

        TestingResultSink sink = run(backend, new TestingTrinoSession().catalog("sales"), "SELECT id FROM orders");

        assertThat(sink.onlyValue()).isEqualTo(1);
        assertThat(core.requests().get(0).parameters()).containsEntry("database", "sales");
    }

    @Test
    void fallsBackToTheConfiguredDatabase()
    {
        core.execute("CREATE SCHEMA sales", "CREATE TABLE sales.orders AS SELECT 1 AS id");
        try (FireboltBackend withDefault = backend(FireboltTesting.settings(core).withDatabase("sales"))) {
            assertThat(run(withDefault, "SELECT id FROM orders").onlyValue()).isEqualTo(1);
            assertThat(core.requests().get(0).parameters()).containsEntry("database", "sales");
        }
    }

    @Test
    void useDatabaseChangesTheClientsCatalogForTheNextQuery()
    {
        core.execute("CREATE SCHEMA sales", "CREATE TABLE sales.orders AS SELECT 1 AS id");
        TestingTrinoSession session = new TestingTrinoSession();

        TestingResultSink use = run(backend, session, "USE DATABASE sales");

        assertThat(use.sessionChanges()).containsExactly(SessionChange.setCatalog("sales"));
        assertThat(session.catalog()).isEqualTo("sales");
        assertThat(run(backend, session, "SELECT id FROM orders").onlyValue()).isEqualTo(1);
        assertThat(core.requests().get(1).parameters()).containsEntry("database", "sales");
    }

    @Test
    void unknownDatabaseIsACatalogError()
    {
        assertThatThrownBy(() -> run(backend, "USE DATABASE nowhere"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CATALOG_NOT_FOUND));
    }

    @Test
    void cancelWhileTheEngineWorksReturnsPromptly()
            throws Exception
    {
        core.holdWrites();
        TestingCancellation cancellation = new TestingCancellation();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> run(backend, new TestingTrinoSession(), "CREATE TABLE held (x INTEGER)", new TestingResultSink(), cancellation));
        await("the write to reach the engine", () -> core.writesHeld() == 1);

        cancellation.cancel();

        assertThatThrownBy(() -> running.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
        core.releaseWrites();
    }

    @Test
    void cancelWhileRowsStreamStopsReading()
    {
        TestingCancellation cancellation = new TestingCancellation();
        TestingResultSink sink = new TestingResultSink(row -> {
            if (row == 10) {
                // The client went away while the backend was pushing rows.
                cancellation.cancel();
            }
        }, false);

        assertThatThrownBy(() -> run(backend, new TestingTrinoSession(), "SELECT i FROM range(10000000) t(i)", sink, cancellation))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
        assertThat(sink.rowsSeen()).isLessThan(10_000_000);
    }

    @Test
    void anEngineThatDiesMidStreamIsACleanError()
    {
        core.dieAfterRows("SELECT i FROM range(100000) t(i)", 1500);

        assertThatThrownBy(() -> run(backend, "SELECT i FROM range(100000) t(i)"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("firebolt-1");
                });
    }

    @Test
    void unreachableEngineIsBackendUnavailable()
    {
        int port = core.port();
        core.close();
        try (FireboltBackend gone = backend(FireboltSettings.defaults("gone", EndpointPolicy.parse("http://127.0.0.1:" + port)))) {
            assertThatThrownBy(() -> run(gone, "SELECT 1"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE));
            assertThatThrownBy(() -> gone.checkHealth(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE));
        }
        core = TestingFireboltCore.start();
    }

    @Test
    void healthCheckRunsSelectOne()
    {
        backend.checkHealth(Duration.ofSeconds(5));

        assertThat(core.requests()).singleElement().satisfies(request -> {
            assertThat(request.sql()).isEqualTo("SELECT 1");
            assertThat(request.parameters()).containsEntry("output_format", "JSON_Compact");
        });
    }

    @Test
    void readsAJsonCompactAnswer()
    {
        core.script("SELECT legacy", TestingFireboltCore.Scripted.of(200, """
                {"query":{"query_id":"q"},"meta":[{"name":"?column?","type":"int"}],"data":[[42]],"rows":1,"statistics":{"elapsed":0.1}}
                """));

        assertThat(run(backend, "SELECT legacy").onlyValue()).isEqualTo(42);
    }

    @Test
    void errorsInA2xxDocumentAreErrors()
    {
        core.script("SELECT broken", TestingFireboltCore.Scripted.of(200, """
                {"query":{"query_id":"q"},"errors":[{"severity":"ERROR","source":"System Error","description":"engine ran out of memory"}]}
                """));

        assertThatThrownBy(() -> run(backend, "SELECT broken"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR);
                    assertThat(e.getMessage()).isEqualTo("engine ran out of memory");
                });
    }

    @Test
    void plainTextErrorBodyKeepsItsText()
    {
        core.script("SELECT plain", TestingFireboltCore.Scripted.of(503, "engine is starting"));

        assertThatThrownBy(() -> run(backend, "SELECT plain"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("engine is starting");
                });
    }
}
