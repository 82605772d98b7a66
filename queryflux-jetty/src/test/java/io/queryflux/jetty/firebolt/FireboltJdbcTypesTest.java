package io.queryflux.jetty.firebolt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Firebolt type through QueryFlux to trino-jdbc: the Trino type the driver reports and the value
 * it reads.
 */
class FireboltJdbcTypesTest
{
    private static TestingFireboltServer firebolt;
    private static Connection connection;

    @BeforeAll
    static void start()
            throws SQLException
    {
        firebolt = TestingFireboltServer.start(4);
        connection = firebolt.server().connect();
    }

    @AfterAll
    static void stop()
            throws SQLException
    {
        try (TestingFireboltServer ignored = firebolt) {
            connection.close();
        }
    }

    @Test
    void everyTypeArrivesWithItsTrinoTypeAndValue()
            throws SQLException
    {
        String sql = """
                SELECT 7::INTEGER AS i, 9007199254740993::BIGINT AS big, 1.5::REAL AS r, 2.25::DOUBLE AS d,
                    'inf'::DOUBLE AS pos_inf, '-inf'::REAL AS neg_inf, 'nan'::DOUBLE AS nan, 'text' AS t, true AS b,
                    DATE '2024-02-29' AS dt, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts,
                    TIMESTAMPTZ '1996-09-03 09:19:33.123456+00' AS tz, '\\xAB\\x01'::BLOB AS bin,
                    12.34::DECIMAL(10, 2) AS dec, [1, NULL, 3] AS arr, [[1], [2, 3]] AS nested, {'a': 1} AS st,
                    NULL::INTEGER AS nothing
                """;
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = result.getMetaData();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                types.add(metadata.getColumnTypeName(i));
            }
            assertThat(types).containsExactly(
                    "integer", "bigint", "real", "double", "double", "real", "double", "varchar", "boolean",
                    "date", "timestamp(6)", "timestamp(6) with time zone", "varbinary", "decimal(10,2)",
                    "array(integer)", "array(array(integer))", "varchar", "integer");

            assertThat(result.next()).isTrue();
            assertThat(result.getInt("i")).isEqualTo(7);
            assertThat(result.getLong("big")).isEqualTo(9007199254740993L);
            assertThat(result.getFloat("r")).isEqualTo(1.5f);
            assertThat(result.getDouble("d")).isEqualTo(2.25);
            assertThat(result.getDouble("pos_inf")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(result.getFloat("neg_inf")).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(result.getDouble("nan")).isNaN();
            assertThat(result.getString("t")).isEqualTo("text");
            assertThat(result.getBoolean("b")).isTrue();
            assertThat(result.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(result.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
            assertThat(result.getObject("tz", ZonedDateTime.class).toInstant())
                    .isEqualTo(OffsetDateTime.of(1996, 9, 3, 9, 19, 33, 123_456_000, ZoneOffset.UTC).toInstant());
            assertThat(result.getBytes("bin")).containsExactly(0xAB, 0x01);
            assertThat(result.getBigDecimal("dec")).isEqualTo(new BigDecimal("12.34"));
            assertThat((Object[]) result.getArray("arr").getArray()).containsExactly(1, null, 3);
            Object[] nested = (Object[]) result.getArray("nested").getArray();
            assertThat(nested).hasSize(2);
            assertThat(result.getString("st")).isEqualTo("{\"a\":1}");
            assertThat(result.getObject("nothing")).isNull();
            assertThat(result.next()).isFalse();
        }
    }
}
