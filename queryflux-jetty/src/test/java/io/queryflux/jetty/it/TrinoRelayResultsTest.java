package io.queryflux.jetty.it;

import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results of a real Trino reach trino-jdbc and the Trino CLI through QueryFlux exactly as they
 * reach them directly: a result of many pages (spooled segments, or rows in the pages when the
 * session turns spooling off), and values of every common type.
 */
@Tag("it")
class TrinoRelayResultsTest
{
    private static final String LINEITEM = "SELECT * FROM tpch.tiny.lineitem";
    private static final long LINEITEM_ROWS = 60_175;

    // One row with a value of each common type; the column names say which.
    private static final String ALL_TYPES = """
            SELECT
                true AS c_boolean,
                CAST(-7 AS tinyint) AS c_tinyint,
                CAST(-300 AS smallint) AS c_smallint,
                2147483647 AS c_integer,
                CAST(-9223372036854775807 AS bigint) - 1 AS c_bigint,
                REAL '3.14' AS c_real,
                CAST(nan() AS real) AS c_real_nan,
                1.0E300 AS c_double,
                -0.5E-300 AS c_double_small,
                nan() AS c_double_nan,
                infinity() AS c_double_infinity,
                -infinity() AS c_double_minus_infinity,
                DECIMAL '12345.678' AS c_decimal_short,
                CAST('-12345678901234567890123456789.123456789' AS decimal(38, 9)) AS c_decimal_long,
                'héllo ☃ 𝄞 "quoted", comma' AS c_varchar,
                CAST('ab' AS char(5)) AS c_char,
                X'00ff10' AS c_varbinary,
                DATE '2024-02-29' AS c_date,
                DATE '1582-10-10' AS c_date_old,
                TIME '12:34:56.789' AS c_time_3,
                TIME '12:34:56.123456' AS c_time_6,
                TIMESTAMP '2024-02-29 12:34:56.789' AS c_timestamp_3,
                TIMESTAMP '2024-02-29 12:34:56.123456' AS c_timestamp_6,
                TIMESTAMP '2024-02-29 12:34:56.123456789' AS c_timestamp_9,
                TIMESTAMP '2024-02-29 12:34:56.789 UTC' AS c_timestamp_tz_utc,
                TIMESTAMP '2024-02-29 12:34:56.123456 Europe/Warsaw' AS c_timestamp_tz_zone,
                TIMESTAMP '2024-02-29 12:34:56.789 +05:30' AS c_timestamp_tz_offset,
                INTERVAL '2 03:04:05.678' DAY TO SECOND AS c_interval_day_second,
                INTERVAL '-3-4' YEAR TO MONTH AS c_interval_year_month,
                UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59' AS c_uuid,
                IPADDRESS '10.0.0.1' AS c_ipv4,
                IPADDRESS '2001:db8::ff00:42:8329' AS c_ipv6,
                JSON '{"a":[1,2.5,{"b":null}],"c":"d"}' AS c_json,
                ARRAY[1, NULL, 3] AS c_array,
                ARRAY[ARRAY['x', 'y'], ARRAY[], NULL] AS c_array_nested,
                MAP(ARRAY['k1', 'k2'], ARRAY[1.5E0, NULL]) AS c_map,
                CAST(ROW(1, 'x', ARRAY[true, false]) AS ROW(id bigint, name varchar, flags array(boolean))) AS c_row,
                CAST(NULL AS varchar) AS c_null
            """;

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

    /**
     * {@code spooling}: trino-jdbc asks for json+zstd, and Trino spools the result to segments;
     * otherwise the session turns spooling off and the rows come in the pages themselves.
     */
    @ParameterizedTest(name = "spooling {0}")
    @ValueSource(booleans = {true, false})
    void lineitemThroughJdbcMatchesDirect(boolean spooling)
            throws SQLException
    {
        Properties properties = new Properties();
        if (!spooling) {
            properties.setProperty("sessionProperties", "spooling_enabled:false");
        }
        RowChecksum direct = jdbcChecksum(trino.jdbcUrl(), properties, LINEITEM);
        long spooledBefore = trino.spoolingStorage().putCount();
        RowChecksum proxied = jdbcChecksum(queryFlux.jdbcUrl(), properties, LINEITEM);
        long spooled = trino.spoolingStorage().putCount() - spooledBefore;

        assertThat(direct.rows()).isEqualTo(LINEITEM_ROWS);
        assertThat(proxied).isEqualTo(direct);
        assertThat(spooled > 0).as("Trino spooled segments (%s) for the query through QueryFlux", spooled).isEqualTo(spooling);
        // Trino's own sum of the first column: every row arrived, none twice.
        try (Connection connection = QueryFluxOnTrino.connect(trino.jdbcUrl(), new Properties());
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT sum(orderkey) FROM tpch.tiny.lineitem")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(proxied.firstColumnSum()).isEqualTo(resultSet.getLong(1));
        }
        queryFlux.awaitIdle();
    }

    /** Multi-byte characters in every row of many pages of the direct protocol: no page boundary splits one. */
    @Test
    void unicodeRowsThroughJdbcMatchDirect()
            throws SQLException
    {
        String sql = "SELECT orderkey, comment || ' ☃ ł 𝄞 ' || clerk FROM tpch.tiny.orders";
        Properties properties = new Properties();
        properties.setProperty("sessionProperties", "spooling_enabled:false");
        RowChecksum direct = jdbcChecksum(trino.jdbcUrl(), properties, sql);
        RowChecksum proxied = jdbcChecksum(queryFlux.jdbcUrl(), properties, sql);

        assertThat(direct.rows()).isEqualTo(15_000);
        assertThat(proxied).isEqualTo(direct);
        queryFlux.awaitIdle();
    }

    @ParameterizedTest(name = "spooling {0}")
    @ValueSource(booleans = {true, false})
    void lineitemThroughCliMatchesDirect(boolean spooling)
    {
        String session = "--session=spooling_enabled=" + spooling;
        TestingTrinoCli.Result direct = TestingTrinoCli.execute(trino.uri(), LINEITEM, "--output-format=CSV", session);
        long spooledBefore = trino.spoolingStorage().putCount();
        TestingTrinoCli.Result proxied = TestingTrinoCli.execute(queryFlux.uri(), LINEITEM, "--output-format=CSV", session);
        long spooled = trino.spoolingStorage().putCount() - spooledBefore;

        assertThat(direct.exitCode()).as(direct::toString).isZero();
        assertThat(proxied.exitCode()).as(proxied::toString).isZero();
        RowChecksum directSum = lineChecksum(direct.lines());
        RowChecksum proxiedSum = lineChecksum(proxied.lines());
        assertThat(directSum.rows()).isEqualTo(LINEITEM_ROWS);
        assertThat(proxiedSum).isEqualTo(directSum);
        assertThat(proxied.stderr()).isEqualTo(direct.stderr());
        assertThat(spooled > 0).as("Trino spooled segments (%s) for the query through QueryFlux", spooled).isEqualTo(spooling);
        queryFlux.awaitIdle();
    }

    @Test
    void allTypesThroughJdbcMatchDirect()
            throws SQLException
    {
        List<String> direct = jdbcValues(trino.jdbcUrl(), ALL_TYPES);
        List<String> proxied = jdbcValues(queryFlux.jdbcUrl(), ALL_TYPES);

        assertThat(proxied).containsExactlyElementsOf(direct);
        // A few values spelled out, so that a client that broke both ways would still fail here.
        assertThat(proxied).contains(
                "c_real_nan real Float:NaN | NaN",
                "c_double_nan double Double:NaN | NaN",
                "c_double_infinity double Double:Infinity | Infinity",
                "c_double_minus_infinity double Double:-Infinity | -Infinity",
                "c_varbinary varbinary bytes:00ff10 | 0x00FF10",
                "c_timestamp_9 timestamp(9) Timestamp:2024-02-29 12:34:56.123456789 | 2024-02-29 12:34:56.123456789",
                "c_decimal_long decimal(38,9) BigDecimal:-12345678901234567890123456789.123456789 | -12345678901234567890123456789.123456789",
                "c_null varchar null | null");
        queryFlux.awaitIdle();
    }

    @Test
    void allTypesThroughCliMatchDirect()
    {
        TestingTrinoCli.Result direct = TestingTrinoCli.execute(trino.uri(), ALL_TYPES, "--output-format=CSV_HEADER");
        TestingTrinoCli.Result proxied = TestingTrinoCli.execute(queryFlux.uri(), ALL_TYPES, "--output-format=CSV_HEADER");

        assertThat(direct.exitCode()).as(direct::toString).isZero();
        assertThat(proxied.exitCode()).as(proxied::toString).isZero();
        assertThat(direct.lines()).hasSize(2);
        assertThat(proxied.stdout()).isEqualTo(direct.stdout());
        assertThat(proxied.lines().get(1))
                .contains("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"2024-02-29 12:34:56.123456789\"", "\"12151fd2-7586-11e9-8f9e-2a86e4085a59\"");
        queryFlux.awaitIdle();
    }

    /** Per column: name, type, then JDBC's getObject (with its class) and getString. */
    private static List<String> jdbcValues(String jdbcUrl, String sql)
            throws SQLException
    {
        List<String> values = new ArrayList<>();
        try (Connection connection = QueryFluxOnTrino.connect(jdbcUrl, new Properties());
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metadata = resultSet.getMetaData();
            assertThat(resultSet.next()).isTrue();
            for (int column = 1; column <= metadata.getColumnCount(); column++) {
                values.add(metadata.getColumnName(column) + " " + metadata.getColumnTypeName(column).replace(", ", ",") + " "
                        + describe(resultSet.getObject(column)) + " | " + resultSet.getString(column));
            }
            assertThat(resultSet.next()).isFalse();
        }
        return values;
    }

    private static String describe(Object value)
            throws SQLException
    {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "bytes:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Array array) {
            List<String> elements = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                elements.add(describe(element));
            }
            return "Array:" + elements;
        }
        if (value instanceof BigDecimal decimal) {
            return "BigDecimal:" + decimal.toPlainString();
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    private static RowChecksum jdbcChecksum(String jdbcUrl, Properties properties, String sql)
            throws SQLException
    {
        try (Connection connection = QueryFluxOnTrino.connect(jdbcUrl, properties);
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            int columns = resultSet.getMetaData().getColumnCount();
            long rows = 0;
            long hashSum = 0;
            long firstColumnSum = 0;
            StringBuilder row = new StringBuilder();
            while (resultSet.next()) {
                row.setLength(0);
                for (int column = 1; column <= columns; column++) {
                    row.append(resultSet.getString(column)).append('\u0001');
                }
                rows++;
                hashSum += hash(row.toString());
                firstColumnSum += resultSet.getLong(1);
            }
            return new RowChecksum(rows, hashSum, firstColumnSum);
        }
    }

    private static RowChecksum lineChecksum(List<String> lines)
    {
        long hashSum = 0;
        long firstColumnSum = 0;
        for (String line : lines) {
            hashSum += hash(line);
            firstColumnSum += Long.parseLong(line.substring(1, line.indexOf('"', 1)));
        }
        return new RowChecksum(lines.size(), hashSum, firstColumnSum);
    }

    // Order-independent when summed: the pages may be cut anywhere, the rows must all be there.
    private static long hash(String row)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(row.getBytes(StandardCharsets.UTF_8));
            long hash = 0;
            for (int i = 0; i < 8; i++) {
                hash = (hash << 8) | (digest[i] & 0xff);
            }
            return hash;
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record RowChecksum(long rows, long hashSum, long firstColumnSum) {}
}
