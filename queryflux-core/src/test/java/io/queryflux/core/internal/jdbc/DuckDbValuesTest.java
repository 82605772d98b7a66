package io.queryflux.core.internal.jdbc;

import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.Backend;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;

import static io.queryflux.core.internal.jdbc.DuckDbTesting.run;
import static io.queryflux.core.internal.jdbc.DuckDbTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every DuckDB type through the backend: the Trino type of its column and the Java values.
 */
class DuckDbValuesTest
{
    private static Backend backend;

    @BeforeAll
    static void setUp()
    {
        backend = DuckDbTesting.inMemoryDuckDb(2);
    }

    @AfterAll
    static void tearDown()
    {
        backend.close();
    }

    @Test
    void booleansAndIntegers()
    {
        assertValue("true", "boolean", true);
        assertValue("NULL::BOOLEAN", "boolean", null);
        assertValue("-1::TINYINT", "tinyint", (byte) -1);
        assertValue("-300::SMALLINT", "smallint", (short) -300);
        assertValue("2147483647::INTEGER", "integer", 2147483647);
        assertValue("NULL::INTEGER", "integer", null);
        assertValue("'-9223372036854775808'::BIGINT", "bigint", Long.MIN_VALUE);
    }

    @Test
    void unsignedIntegersWiden()
    {
        assertValue("255::UTINYINT", "smallint", (short) 255);
        assertValue("65535::USMALLINT", "integer", 65535);
        assertValue("4294967295::UINTEGER", "bigint", 4294967295L);
        assertValue("18446744073709551615::UBIGINT", "decimal(20, 0)", new BigDecimal("18446744073709551615"));
        assertValue("NULL::UBIGINT", "decimal(20, 0)", null);
    }

    @Test
    void hugeIntegersAreDecimalsWhileTheyFit()
    {
        String largest = "9".repeat(38);
        assertValue(largest + "::HUGEINT", "decimal(38, 0)", new BigDecimal(largest));
        assertValue("-" + largest + "::HUGEINT", "decimal(38, 0)", new BigDecimal("-" + largest));
        assertValue(largest + "::UHUGEINT", "decimal(38, 0)", new BigDecimal(largest));
        assertValue("[1::HUGEINT]", "array(decimal(38, 0))", List.of(BigDecimal.ONE));

        assertThatThrownBy(() -> run(backend, "SELECT 170141183460469231731687303715884105727::HUGEINT"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE))
                .hasMessageContaining("170141183460469231731687303715884105727");
        assertThatThrownBy(() -> run(backend, "SELECT [340282366920938463463374607431768211455::UHUGEINT]"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE));
    }

    @Test
    void floatingPointAndDecimals()
    {
        assertValue("1.5::FLOAT", "real", 1.5f);
        assertValue("'NaN'::FLOAT", "real", Float.NaN);
        assertValue("'-Infinity'::FLOAT", "real", Float.NEGATIVE_INFINITY);
        assertValue("0.1::DOUBLE", "double", 0.1);
        assertValue("'NaN'::DOUBLE", "double", Double.NaN);
        assertValue("'Infinity'::DOUBLE", "double", Double.POSITIVE_INFINITY);
        assertValue("NULL::DOUBLE", "double", null);
        assertValue("12.34::DECIMAL(10,2)", "decimal(10, 2)", new BigDecimal("12.34"));
        assertValue("-1.5::DECIMAL(38,10)", "decimal(38, 10)", new BigDecimal("-1.5000000000"));
        assertValue("NULL::DECIMAL(4,1)", "decimal(4, 1)", null);
    }

    @Test
    void textAndBinary()
    {
        assertValue("'abc'::VARCHAR", "varchar", "abc");
        assertValue("'{\"a\": 1}'::JSON", "json", "{\"a\": 1}");
        assertValue("'b'::ENUM('a', 'b')", "varchar", "b");
        assertValue("'101'::BIT", "varchar", "101");
        assertValue("union_value(num := 2)", "varchar", "2");
        // Months, days and microseconds together: DuckDB's own text.
        assertValue("INTERVAL '1 month 2 days 3 hours'", "varchar", "1 month 2 days 03:00:00");
        assertValue("'4a2c1b7e-0d5f-4c39-8d7c-3b1f2a9e6c10'::UUID", "uuid", UUID.fromString("4a2c1b7e-0d5f-4c39-8d7c-3b1f2a9e6c10"));

        TestingResultSink blob = run(backend, "SELECT '\\xAA\\x00'::BLOB");
        assertThat(blob.typeNames()).containsExactly("varbinary");
        assertThat((byte[]) blob.onlyValue()).containsExactly(0xAA, 0x00);
    }

    @Test
    void datesAndTimes()
    {
        assertValue("DATE '2024-02-29'", "date", LocalDate.of(2024, 2, 29));
        assertValue("DATE '-0044-03-15'", "date", LocalDate.of(-44, 3, 15));
        assertValue("TIME '12:34:56.123456'", "time(6)", LocalTime.of(12, 34, 56, 123_456_000));
        assertValue("TIME WITH TIME ZONE '12:00:00.5+02'", "time(6) with time zone", "12:00:00.500000+02:00");
        assertValue("TIMESTAMP '2024-01-02 03:04:05.123456'", "timestamp(6)", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
        assertValue("TIMESTAMP '1900-01-01 00:00:00.5'", "timestamp(6)", LocalDateTime.of(1900, 1, 1, 0, 0, 0, 500_000_000));
        assertValue("'2024-01-02 03:04:05.123'::TIMESTAMP_MS", "timestamp(3)", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000));
        assertValue("'2024-01-02 03:04:05'::TIMESTAMP_S", "timestamp(0)", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertValue("'2024-01-02 03:04:05.123456789'::TIMESTAMP_NS", "timestamp(9)", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789));
        assertValue("TIMESTAMPTZ '2024-01-02 03:04:05.123456+02'", "timestamp(6) with time zone",
                OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 123_456_000, ZoneOffset.UTC));
        assertValue("NULL::TIMESTAMP", "timestamp(6)", null);
    }

    @Test
    void timestampsInADaylightSavingGapOfTheJvmZoneStayUnchanged()
    {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try {
            // 02:30 does not exist in Berlin that night; java.sql.Timestamp would turn it into 03:30.
            assertValue("TIMESTAMP '2024-03-31 02:30:00.123456'", "timestamp(6)", LocalDateTime.of(2024, 3, 31, 2, 30, 0, 123_456_000));
        }
        finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void listsAndArrays()
    {
        assertValue("[1, 2, NULL]", "array(integer)", values(1, 2, null));
        assertValue("[1, 2, 3]::INTEGER[3]", "array(integer)", List.of(1, 2, 3));
        assertValue("[[1, 2], [3], []]", "array(array(integer))", List.of(List.of(1, 2), List.of(3), List.of()));
        assertValue("[DATE '2024-01-01']", "array(date)", List.of(LocalDate.of(2024, 1, 1)));
        assertValue("[TIMESTAMP '2024-01-01 10:00:00.25']", "array(timestamp(6))", List.of(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 250_000_000)));
        assertValue("[TIMESTAMPTZ '2024-01-02 03:04:05+02']", "array(timestamp(6) with time zone)", List.of(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC)));
        assertValue("['{}'::JSON]", "array(json)", List.of("{}"));
        assertValue("[1::UBIGINT]", "array(decimal(20, 0))", List.of(BigDecimal.ONE));
        assertValue("NULL::INTEGER[]", "array(integer)", null);
    }

    @Test
    void mapsKeepTheirOrder()
    {
        TestingResultSink sink = run(backend, "SELECT MAP {'b': 1, 'a': NULL, 'c': 3}");
        assertThat(sink.typeNames()).containsExactly("map(varchar, integer)");
        Map<?, ?> map = (Map<?, ?>) sink.onlyValue();
        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("b", "a", "c"));
        assertThat(new ArrayList<>(map.values())).isEqualTo(values(1, null, 3));

        assertValue("MAP {1: [1.5::DOUBLE]}", "map(integer, array(double))", Map.of(1, List.of(1.5)));
        assertValue("MAP {}::MAP(INTEGER, INTEGER)", "map(integer, integer)", Map.of());
    }

    @Test
    void structsAreRows()
    {
        assertValue("{'a': 1, 'b': 'x'}", "row(a integer, b varchar)", List.of(1, "x"));
        assertValue("{'A b': 1}", "row(\"A b\" integer)", List.of(1));
        assertValue("{'x': NULL::INTEGER}", "row(x integer)", values((Object) null));
        assertValue("NULL::STRUCT(a INTEGER)", "row(a integer)", null);
        assertValue("[{'a': 1, 'b': 'x'}, NULL, {'a': NULL, 'b': 'y'}]", "array(row(a integer, b varchar))",
                values(List.of(1, "x"), null, values(null, "y")));
        assertValue("{'x': [1, 2], 'y': MAP {'k': [{'z': 1}]}}", "row(x array(integer), y map(varchar, array(row(z integer))))",
                List.of(List.of(1, 2), Map.of("k", List.of(List.of(1)))));
    }

    @Test
    void structFieldsGetTheirOwnConversions()
    {
        TestingResultSink sink = run(backend, "SELECT {'t': TIMESTAMP '2024-01-01 10:00:00', 'd': DATE '2024-01-01', 'b': '\\x01'::BLOB, "
                + "'h': 12::HUGEINT, 'tz': TIMESTAMPTZ '2024-01-01 12:00:00+01', 'j': '[1]'::JSON, 'i': INTERVAL 1 DAY, 'e': 'a'::ENUM('a')}");
        assertThat(sink.typeNames()).containsExactly(
                "row(t timestamp(6), d date, b varbinary, h decimal(38, 0), tz timestamp(6) with time zone, j json, i varchar, e varchar)");
        List<?> row = (List<?>) sink.onlyValue();
        assertThat(row.get(0)).isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 0));
        assertThat(row.get(1)).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat((byte[]) row.get(2)).containsExactly(1);
        assertThat(row.get(3)).isEqualTo(new BigDecimal(12));
        assertThat(row.get(4)).isEqualTo(OffsetDateTime.of(2024, 1, 1, 11, 0, 0, 0, ZoneOffset.UTC));
        assertThat(row.get(5)).isEqualTo("[1]");
        assertThat(row.get(6)).isEqualTo("1 day");
        assertThat(row.get(7)).isEqualTo("a");
    }

    @Test
    void manyColumnsAndRowsWithNulls()
    {
        TestingResultSink sink = run(backend, "SELECT i, i % 2 = 0 AS even, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS text, i / 4 AS quarter "
                + "FROM range(5) t(i) ORDER BY i");
        assertThat(sink.columns()).extracting(column -> column.name()).containsExactly("i", "even", "text", "quarter");
        assertThat(sink.typeNames()).containsExactly("bigint", "boolean", "varchar", "double");
        assertThat(sink.rows()).containsExactly(
                values(0L, true, null, 0.0),
                values(1L, false, "v1", 0.25),
                values(2L, true, "v2", 0.5),
                values(3L, false, null, 0.75),
                values(4L, true, "v4", 1.0));
    }

    private static void assertValue(String expression, String typeName, Object expected)
    {
        TestingResultSink sink = run(backend, "SELECT " + expression);
        assertThat(sink.typeNames()).as(expression).containsExactly(typeName);
        assertThat(sink.onlyValue()).as(expression).isEqualTo(expected);
    }
}
