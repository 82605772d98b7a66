package io.queryflux.jetty;

import io.trino.jdbc.Row;
import io.trino.jdbc.RowField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every DuckDB type, read once directly with DuckDB's JDBC driver and once through QueryFlux with
 * trino-jdbc: the values must agree after the natural conversion, trino-jdbc must report the
 * expected Trino type, and a NULL of every type must come back as NULL.
 */
class TypesRoundTripTest
{
    private static TestingServer server;
    private static Connection duckDb;
    private static Connection trino;

    @BeforeAll
    static void start()
            throws SQLException
    {
        server = TestingServer.start(TestingConfigs.duckDb(4, Map.of()));
        duckDb = DriverManager.getConnection("jdbc:duckdb:");
        trino = server.connect();
    }

    @AfterAll
    static void stop()
            throws SQLException
    {
        try (Connection ignored1 = duckDb; Connection ignored2 = trino; TestingServer ignored3 = server) {
            // closes all three
        }
    }

    /** How the two drivers' values are compared. */
    enum Check
    {
        /** {@code getObject} equal (and {@code getString} equal). */
        OBJECT,
        /** {@code getBigDecimal} equal, scale included; DuckDB's BigInteger widened to a decimal. */
        DECIMAL,
        BYTES,
        DATE,
        TIME,
        TIMESTAMP,
        /** The same instant. */
        TIMESTAMP_TZ,
        /** The same offset time. */
        TIME_TZ,
        /** {@code getString} equal. */
        STRING,
        UUID,
        /** {@code getArray}, {@code getObject} as Map or Row, compared structurally. */
        NESTED,
    }

    static Stream<Arguments> types()
    {
        return Stream.of(
                // expression, DuckDB type for the NULL case, Trino type name as trino-jdbc reports it, check
                Arguments.of("true", "BOOLEAN", "boolean", Check.OBJECT),
                Arguments.of("false", "BOOLEAN", "boolean", Check.OBJECT),
                Arguments.of("CAST(-128 AS TINYINT)", "TINYINT", "tinyint", Check.OBJECT),
                Arguments.of("CAST(-32768 AS SMALLINT)", "SMALLINT", "smallint", Check.OBJECT),
                Arguments.of("CAST(-2147483648 AS INTEGER)", "INTEGER", "integer", Check.OBJECT),
                Arguments.of("CAST(-9223372036854775808 AS BIGINT)", "BIGINT", "bigint", Check.OBJECT),
                Arguments.of("CAST(9223372036854775807 AS BIGINT)", "BIGINT", "bigint", Check.OBJECT),
                Arguments.of("CAST(-99999999999999999999999999999999999999 AS HUGEINT)", "HUGEINT", "decimal(38,0)", Check.DECIMAL),
                Arguments.of("CAST(12345678901234567890123 AS HUGEINT)", "HUGEINT", "decimal(38,0)", Check.DECIMAL),
                Arguments.of("CAST(255 AS UTINYINT)", "UTINYINT", "smallint", Check.OBJECT),
                Arguments.of("CAST(65535 AS USMALLINT)", "USMALLINT", "integer", Check.OBJECT),
                Arguments.of("CAST(4294967295 AS UINTEGER)", "UINTEGER", "bigint", Check.OBJECT),
                Arguments.of("CAST(18446744073709551615 AS UBIGINT)", "UBIGINT", "decimal(20,0)", Check.DECIMAL),
                Arguments.of("CAST(1.5 AS FLOAT)", "FLOAT", "real", Check.OBJECT),
                Arguments.of("CAST(3.4028235e38 AS FLOAT)", "FLOAT", "real", Check.OBJECT),
                Arguments.of("CAST(1.4e-45 AS FLOAT)", "FLOAT", "real", Check.OBJECT),
                Arguments.of("CAST('NaN' AS FLOAT)", "FLOAT", "real", Check.OBJECT),
                Arguments.of("CAST('-inf' AS FLOAT)", "FLOAT", "real", Check.OBJECT),
                Arguments.of("CAST(0.1 AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST(1 AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST(-0.0 AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST(1.7976931348623157e308 AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST(4.9e-324 AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST('NaN' AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST('Infinity' AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST('-Infinity' AS DOUBLE)", "DOUBLE", "double", Check.OBJECT),
                Arguments.of("CAST(12345678.91 AS DECIMAL(10,2))", "DECIMAL(10,2)", "decimal(10,2)", Check.DECIMAL),
                Arguments.of("CAST(-0.01 AS DECIMAL(10,2))", "DECIMAL(10,2)", "decimal(10,2)", Check.DECIMAL),
                Arguments.of("CAST(5 AS DECIMAL(10,2))", "DECIMAL(10,2)", "decimal(10,2)", Check.DECIMAL),
                Arguments.of("CAST('1234567890123456789012345678.0123456789' AS DECIMAL(38,10))", "DECIMAL(38,10)", "decimal(38,10)", Check.DECIMAL),
                Arguments.of("CAST('-9999999999999999999999999999.9999999999' AS DECIMAL(38,10))", "DECIMAL(38,10)", "decimal(38,10)", Check.DECIMAL),
                Arguments.of("CAST(0.5 AS DECIMAL(3,3))", "DECIMAL(3,3)", "decimal(3,3)", Check.DECIMAL),
                Arguments.of("CAST(1.5 AS DECIMAL)", "DECIMAL", "decimal(18,3)", Check.DECIMAL),
                Arguments.of("'plain ascii'", "VARCHAR", "varchar", Check.OBJECT),
                Arguments.of("''", "VARCHAR", "varchar", Check.OBJECT),
                Arguments.of("'héllo ☃ 😀 中文 \"quoted\" back\\slash'", "VARCHAR", "varchar", Check.OBJECT),
                Arguments.of("'line1' || chr(10) || 'line2' || chr(9) || chr(1)", "VARCHAR", "varchar", Check.OBJECT),
                Arguments.of("'\\xAA\\x00\\xFF'::BLOB", "BLOB", "varbinary", Check.BYTES),
                Arguments.of("''::BLOB", "BLOB", "varbinary", Check.BYTES),
                Arguments.of("DATE '2024-02-29'", "DATE", "date", Check.DATE),
                Arguments.of("DATE '1970-01-01'", "DATE", "date", Check.DATE),
                Arguments.of("DATE '0001-01-01'", "DATE", "date", Check.DATE),
                Arguments.of("DATE '9999-12-31'", "DATE", "date", Check.DATE),
                Arguments.of("TIME '12:34:56.123456'", "TIME", "time(6)", Check.TIME),
                Arguments.of("TIME '00:00:00'", "TIME", "time(6)", Check.TIME),
                Arguments.of("TIME '23:59:59.999999'", "TIME", "time(6)", Check.TIME),
                Arguments.of("TIMESTAMP '2024-02-29 12:34:56.123456'", "TIMESTAMP", "timestamp(6)", Check.TIMESTAMP),
                Arguments.of("TIMESTAMP '1969-12-31 23:59:59.999999'", "TIMESTAMP", "timestamp(6)", Check.TIMESTAMP),
                Arguments.of("TIMESTAMP '2024-01-01 00:00:00'", "TIMESTAMP", "timestamp(6)", Check.TIMESTAMP),
                Arguments.of("CAST(TIMESTAMP '2024-02-29 12:34:56.123' AS TIMESTAMP_MS)", "TIMESTAMP_MS", "timestamp(3)", Check.TIMESTAMP),
                Arguments.of("CAST('2024-02-29 12:34:56.123456789' AS TIMESTAMP_NS)", "TIMESTAMP_NS", "timestamp(9)", Check.TIMESTAMP),
                Arguments.of("CAST(TIMESTAMP '2024-02-29 12:34:56' AS TIMESTAMP_S)", "TIMESTAMP_S", "timestamp(0)", Check.TIMESTAMP),
                Arguments.of("TIMESTAMPTZ '2024-02-29 12:34:56.123456+02'", "TIMESTAMPTZ", "timestamp(6) with time zone", Check.TIMESTAMP_TZ),
                Arguments.of("TIMESTAMPTZ '1969-07-20 20:17:40-05:30'", "TIMESTAMPTZ", "timestamp(6) with time zone", Check.TIMESTAMP_TZ),
                Arguments.of("INTERVAL '1 year 2 months 3 days 04:05:06.789'", "INTERVAL", "varchar", Check.STRING),
                Arguments.of("INTERVAL 90 MINUTE", "INTERVAL", "varchar", Check.STRING),
                Arguments.of("'6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID", "UUID", "uuid", Check.UUID),
                Arguments.of("[1, 2, NULL, 3]", "INTEGER[]", "array(integer)", Check.NESTED),
                Arguments.of("[]::INTEGER[]", "INTEGER[]", "array(integer)", Check.NESTED),
                Arguments.of("['a', NULL, 'ü', '']", "VARCHAR[]", "array(varchar)", Check.NESTED),
                Arguments.of("[[1, 2], [], NULL, [3]]", "INTEGER[][]", "array(array(integer))", Check.NESTED),
                Arguments.of("[1.5, NULL]::DECIMAL(10,2)[]", "DECIMAL(10,2)[]", "array(decimal(10,2))", Check.NESTED),
                Arguments.of("[TIMESTAMP '2024-01-01 00:00:00.5', NULL]", "TIMESTAMP[]", "array(timestamp(6))", Check.NESTED),
                Arguments.of("[DATE '2024-01-01']", "DATE[]", "array(date)", Check.NESTED),
                Arguments.of("[CAST('NaN' AS DOUBLE), 1.0]", "DOUBLE[]", "array(double)", Check.NESTED),
                Arguments.of("ARRAY_VALUE(1, 2)::INTEGER[2]", "INTEGER[2]", "array(integer)", Check.NESTED),
                Arguments.of("MAP {'a': 1, 'b': NULL}", "MAP(VARCHAR, INTEGER)", "map(varchar,integer)", Check.NESTED),
                Arguments.of("MAP {1: 'x', 2: 'y'}", "MAP(INTEGER, VARCHAR)", "map(integer,varchar)", Check.NESTED),
                Arguments.of("MAP {'k': [1, 2]}", "MAP(VARCHAR, INTEGER[])", "map(varchar,array(integer))", Check.NESTED),
                Arguments.of("MAP {DATE '2024-01-01': 1.5::DOUBLE}", "MAP(DATE, DOUBLE)", "map(date,double)", Check.NESTED),
                Arguments.of("MAP {}::MAP(VARCHAR, INTEGER)", "MAP(VARCHAR, INTEGER)", "map(varchar,integer)", Check.NESTED),
                Arguments.of("{'a': 1, 'b': 'x', 'c': [1, 2]}", "STRUCT(a INTEGER, b VARCHAR, c INTEGER[])", "row(a integer,b varchar,c array(integer))", Check.NESTED),
                Arguments.of("{'x': NULL, 'y': {'z': 2.5::DOUBLE}}", "STRUCT(x INTEGER, y STRUCT(z DOUBLE))", "row(x integer,y row(z double))", Check.NESTED),
                Arguments.of("{'t': TIMESTAMPTZ '2024-01-01 00:00:00+05', 'd': DATE '2024-01-02'}", "STRUCT(t TIMESTAMPTZ, d DATE)", "row(t timestamp(6) with time zone,d date)", Check.NESTED),
                Arguments.of("[{'a': 1}, NULL, {'a': NULL}]", "STRUCT(a INTEGER)[]", "array(row(a integer))", Check.NESTED),
                Arguments.of("MAP {'a\"b': 1, 'ü/\\': 2, '': 3}", "MAP(VARCHAR, INTEGER)", "map(varchar,integer)", Check.NESTED),
                Arguments.of("{'my field': 1, 'Upper': 'x', 'select': true}", "STRUCT(\"my field\" INTEGER, \"Upper\" VARCHAR, \"select\" BOOLEAN)", "row(my field integer,Upper varchar,select boolean)", Check.NESTED),
                Arguments.of("TIMETZ '12:34:56.5+02'", "TIMETZ", "time(6) with time zone", Check.TIME_TZ),
                Arguments.of("CAST('b' AS ENUM('a', 'b'))", "ENUM('a', 'b')", "varchar", Check.STRING),
                Arguments.of("'0101'::BIT", "BIT", "varchar", Check.STRING),
                Arguments.of("union_value(num := 2)::UNION(num INTEGER, str VARCHAR)", "UNION(num INTEGER, str VARCHAR)", "varchar", Check.STRING),
                Arguments.of("'{\"k\": [1, 2, {\"z\": null}], \"s\": \"é\"}'::JSON", "JSON", "json", Check.STRING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void valueRoundTrips(String expression, String duckDbType, String trinoType, Check check)
            throws Exception
    {
        String sql = "SELECT " + expression + " AS v";
        try (Statement duckStatement = duckDb.createStatement();
                ResultSet expected = duckStatement.executeQuery(sql);
                Statement trinoStatement = trino.createStatement();
                ResultSet actual = trinoStatement.executeQuery(sql)) {
            assertThat(actual.getMetaData().getColumnCount()).isEqualTo(1);
            assertThat(actual.getMetaData().getColumnLabel(1)).isEqualTo("v");
            assertThat(actual.getMetaData().getColumnTypeName(1)).isEqualTo(trinoType);
            assertThat(expected.next()).isTrue();
            assertThat(actual.next()).isTrue();
            assertThat(expected.getObject(1)).as("DuckDB's own value").isNotNull();
            compare(check, expected, actual, 1);
            assertThat(actual.wasNull()).isFalse();
            assertThat(actual.next()).isFalse();
        }
    }

    @ParameterizedTest(name = "NULL of {1}")
    @MethodSource("types")
    void nullRoundTrips(String expression, String duckDbType, String trinoType, Check check)
            throws Exception
    {
        try (Statement statement = trino.createStatement();
                ResultSet actual = statement.executeQuery("SELECT CAST(NULL AS " + duckDbType + ") AS v")) {
            assertThat(actual.getMetaData().getColumnTypeName(1)).isEqualTo(trinoType);
            assertThat(actual.next()).isTrue();
            assertThat(actual.getObject(1)).isNull();
            assertThat(actual.wasNull()).isTrue();
            assertThat(actual.getString(1)).isNull();
            assertThat(actual.next()).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void tableWithEveryTypeAndNullRows()
            throws Exception
    {
        // Several rows in one page, NULLs between values, every column type side by side.
        // (DuckDB's CASE cannot produce a fixed-size ARRAY.)
        List<Arguments> cases = types().filter(arguments -> !((String) arguments.get()[1]).endsWith("[2]")).toList();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < cases.size(); i++) {
            Object[] arguments = cases.get(i).get();
            String cast = "CAST(" + arguments[0] + " AS " + arguments[1] + ")";
            select.append(i == 0 ? "" : ", ").append("CASE WHEN r % 3 = 1 THEN NULL ELSE ").append(cast).append(" END AS c").append(i);
        }
        select.append(" FROM range(7) t(r) ORDER BY r");
        try (Statement duckStatement = duckDb.createStatement();
                ResultSet expected = duckStatement.executeQuery(select.toString());
                Statement trinoStatement = trino.createStatement();
                ResultSet actual = trinoStatement.executeQuery(select.toString())) {
            ResultSetMetaData metadata = actual.getMetaData();
            assertThat(metadata.getColumnCount()).isEqualTo(cases.size());
            for (int i = 0; i < cases.size(); i++) {
                assertThat(metadata.getColumnTypeName(i + 1)).as("column c%s: %s", i, cases.get(i).get()[0]).isEqualTo(cases.get(i).get()[2]);
            }
            int rows = 0;
            while (expected.next()) {
                assertThat(actual.next()).isTrue();
                for (int i = 0; i < cases.size(); i++) {
                    Object duckValue = expected.getObject(i + 1);
                    if (duckValue == null) {
                        assertThat(actual.getObject(i + 1)).as("row %s column c%s", rows, i).isNull();
                    }
                    else {
                        compare((Check) cases.get(i).get()[3], expected, actual, i + 1);
                    }
                }
                rows++;
            }
            assertThat(actual.next()).isFalse();
            assertThat(rows).isEqualTo(7);
        }
    }

    @org.junit.jupiter.api.Test
    void jdbcTypeCodes()
            throws Exception
    {
        try (Statement statement = trino.createStatement();
                ResultSet resultSet = statement.executeQuery(
                        "SELECT 1::BIGINT a, 1.5::DECIMAL(10,2) b, 'x' c, DATE '2024-01-01' d, TIMESTAMP '2024-01-01 00:00:00' e, "
                                + "TIMESTAMPTZ '2024-01-01 00:00:00+00' f, [1] g, '\\x01'::BLOB h, 1.5::DOUBLE i, true j")) {
            ResultSetMetaData metadata = resultSet.getMetaData();
            assertThat(metadata.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(metadata.getColumnType(2)).isEqualTo(Types.DECIMAL);
            assertThat(metadata.getPrecision(2)).isEqualTo(10);
            assertThat(metadata.getScale(2)).isEqualTo(2);
            assertThat(metadata.getColumnType(3)).isEqualTo(Types.VARCHAR);
            assertThat(metadata.getColumnType(4)).isEqualTo(Types.DATE);
            assertThat(metadata.getColumnType(5)).isEqualTo(Types.TIMESTAMP);
            assertThat(metadata.getColumnType(6)).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
            assertThat(metadata.getColumnType(7)).isEqualTo(Types.ARRAY);
            assertThat(metadata.getColumnType(8)).isEqualTo(Types.VARBINARY);
            assertThat(metadata.getColumnType(9)).isEqualTo(Types.DOUBLE);
            assertThat(metadata.getColumnType(10)).isEqualTo(Types.BOOLEAN);
        }
    }

    private static void compare(Check check, ResultSet expected, ResultSet actual, int column)
            throws SQLException
    {
        String description = "column " + column + " (" + check + "), DuckDB value " + expected.getString(column);
        switch (check) {
            case OBJECT -> {
                assertThat(actual.getObject(column)).as(description).isEqualTo(expected.getObject(column));
                assertThat(actual.getString(column)).as(description).isEqualTo(expected.getString(column));
            }
            case DECIMAL -> {
                BigDecimal duckValue = decimal(expected.getObject(column));
                assertThat(actual.getBigDecimal(column)).as(description).isEqualTo(duckValue);
                assertThat(actual.getObject(column)).as(description).isEqualTo(duckValue);
            }
            case BYTES -> assertThat(actual.getBytes(column)).as(description).isEqualTo(expected.getBytes(column));
            case DATE -> {
                assertThat(actual.getObject(column, LocalDate.class)).as(description).isEqualTo(expected.getObject(column, LocalDate.class));
                assertThat(actual.getString(column)).as(description).isEqualTo(expected.getString(column));
                assertThat(actual.getDate(column)).as(description).isEqualTo(expected.getDate(column));
            }
            case TIME -> {
                // trino-jdbc has no LocalTime conversion for time(p); its text carries every digit.
                assertThat(LocalTime.parse(actual.getString(column))).as(description).isEqualTo(expected.getObject(column, LocalTime.class));
            }
            case TIMESTAMP -> {
                assertThat(actual.getObject(column, LocalDateTime.class)).as(description).isEqualTo(expected.getObject(column, LocalDateTime.class));
                assertThat(actual.getTimestamp(column)).as(description).isEqualTo(expected.getTimestamp(column));
            }
            case TIMESTAMP_TZ -> {
                Instant instant = expected.getObject(column, OffsetDateTime.class).toInstant();
                assertThat(actual.getTimestamp(column).toInstant()).as(description).isEqualTo(instant);
                assertThat(actual.getObject(column, java.time.ZonedDateTime.class).toInstant()).as(description).isEqualTo(instant);
            }
            case TIME_TZ -> assertThat(java.time.OffsetTime.parse(actual.getString(column))).as(description)
                    .isEqualTo((java.time.OffsetTime) expected.getObject(column));
            case STRING -> assertThat(actual.getString(column)).as(description).isEqualTo(expected.getString(column));
            case UUID -> {
                assertThat(actual.getString(column)).as(description).isEqualTo(expected.getObject(column).toString());
                assertThat(UUID.fromString(actual.getString(column))).as(description).isEqualTo(expected.getObject(column, UUID.class));
            }
            case NESTED -> {
                Object duckValue = expected.getObject(column);
                Object trinoValue = actual.getObject(column);
                assertThat(normalize(trinoValue)).as(description).isEqualTo(normalize(duckValue));
                if (duckValue instanceof Array duckArray) {
                    assertThat(normalize(actual.getArray(column).getArray())).as(description).isEqualTo(normalize(duckArray.getArray()));
                }
            }
        }
    }

    private static BigDecimal decimal(Object value)
    {
        return value instanceof BigInteger integer ? new BigDecimal(integer) : (BigDecimal) value;
    }

    /**
     * Both drivers' nested values as plain Java: lists for arrays and rows ({@code [name, value]}
     * pairs), maps, and comparable leaf values.
     */
    private static Object normalize(Object value)
            throws SQLException
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Array array) {
            return normalize(array.getArray());
        }
        if (value instanceof Object[] items) {
            List<Object> list = new ArrayList<>();
            for (Object item : items) {
                list.add(normalize(item));
            }
            return list;
        }
        if (value instanceof List<?> items) {
            return normalize(items.toArray());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                result.put(normalize(entry.getKey()), normalize(entry.getValue()));
            }
            return result;
        }
        if (value instanceof Struct struct) {
            // DuckDB's struct: field names from its type, values in order.
            Map<?, ?> named;
            try {
                named = (Map<?, ?>) struct.getClass().getMethod("getMap").invoke(struct);
            }
            catch (ReflectiveOperationException e) {
                throw new AssertionError("Cannot read the field names of DuckDB's " + struct.getClass().getName(), e);
            }
            List<Object> fields = new ArrayList<>();
            for (Map.Entry<?, ?> entry : named.entrySet()) {
                fields.add(List.of(entry.getKey(), Arrays.asList(normalize(entry.getValue()))));
            }
            return fields;
        }
        if (value instanceof Row row) {
            List<Object> fields = new ArrayList<>();
            for (RowField field : row.getFields()) {
                fields.add(List.of(field.getName().orElseThrow(), Arrays.asList(normalize(field.getValue()))));
            }
            return fields;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime timestamp) {
            // trino-jdbc returns a nested timestamp with time zone as a Timestamp of that instant.
            return LocalDateTime.ofInstant(timestamp.toInstant(), java.time.ZoneId.systemDefault());
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return value;
    }
}
