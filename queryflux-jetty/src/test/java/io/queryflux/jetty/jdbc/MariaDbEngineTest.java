package io.queryflux.jetty.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * trino-jdbc through QueryFlux to MariaDB ({@code engine: jdbc} with MariaDB Connector/J).
 */
class MariaDbEngineTest
        extends JdbcEngineContract
{
    @Override
    protected Map<String, Object> cluster()
    {
        return JdbcEngines.mariaDbCluster();
    }

    @Override
    protected Connection connectDirectly()
            throws SQLException
    {
        return JdbcEngines.connectMariaDb();
    }

    @Override
    protected String dropSchemaSql(String schema)
    {
        return "DROP DATABASE IF EXISTS " + schema;
    }

    @Override
    protected String rangeQuery(int rows)
    {
        // The Sequence engine's virtual table.
        return "SELECT seq AS n, CONCAT('row ', seq) AS label FROM seq_1_to_" + rows + " ORDER BY seq";
    }

    @Override
    protected String sleepQuery(String marker)
    {
        return "SELECT SLEEP(30) AS " + marker;
    }

    @Override
    protected int runningStatements(String marker)
            throws SQLException
    {
        try (PreparedStatement statement = direct.prepareStatement(
                "SELECT count(*) FROM information_schema.processlist WHERE id <> CONNECTION_ID() AND command = 'Query' AND info LIKE ?")) {
            statement.setString(1, "%SLEEP%" + marker + "%");
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getInt(1);
            }
        }
    }

    @Test
    void commonTypes()
            throws SQLException
    {
        List<Column> columns = List.of(
                new Column("c_tinyint", "tinyint", "tinyint", Check.LONG),
                new Column("c_smallint", "smallint", "smallint", Check.LONG),
                new Column("c_integer", "integer", "integer", Check.LONG),
                new Column("c_bigint", "bigint", "bigint", Check.LONG),
                new Column("c_uint", "integer unsigned", "bigint", Check.LONG),
                new Column("c_decimal", "decimal(10,2)", "decimal(10,2)", Check.DECIMAL),
                new Column("c_float", "float", "real", Check.REAL),
                new Column("c_double", "double", "double", Check.DOUBLE),
                new Column("c_varchar", "varchar(20)", "varchar(20)", Check.STRING),
                // TEXT holds at most 65,535 bytes, so at most that many characters.
                new Column("c_text", "text", "varchar(65535)", Check.STRING),
                new Column("c_boolean", "boolean", "boolean", Check.BOOLEAN),
                new Column("c_date", "date", "date", Check.DATE),
                new Column("c_time", "time(6)", "time(6)", Check.TIME),
                new Column("c_datetime", "datetime(6)", "timestamp(6)", Check.TIMESTAMP),
                new Column("c_datetime0", "datetime", "timestamp(0)", Check.TIMESTAMP),
                new Column("c_timestamp", "timestamp(3) NULL", "timestamp(3)", Check.TIMESTAMP),
                new Column("c_blob", "blob", "varbinary", Check.BYTES),
                new Column("c_varbinary", "varbinary(16)", "varbinary", Check.BYTES),
                new Column("c_json", "json", "json", Check.STRING));
        List<List<String>> rows = List.of(
                List.of("-128", "-32768", "-2147483648", "-9223372036854775808", "4294967295", "12345678.91", "1.5", "0.1",
                        "'héllo wörld'", "'multi\\nline ✓ text'", "true", "'2024-02-29'", "'13:45:56.123456'",
                        "'2024-02-29 13:45:56.123456'", "'2024-02-29 13:45:56'", "'2024-02-29 13:45:56.123'",
                        "X'DEADBEEF00FF'", "X'00'", "'{\"a\": [1, 2.5, {\"b\": null}]}'"),
                List.of("127", "32767", "2147483647", "9223372036854775807", "0", "-0.01", "-3.25", "-1e300",
                        "''", "''", "false", "'1000-01-01'", "'00:00:00'",
                        "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "'1970-01-02 00:00:00'",
                        "X''", "X'FF'", "'[]'"));
        assertRoundTrip("types", columns, rows);
    }

    @Test
    void timeOutsideOfADayIsNotWrapped()
    {
        // MariaDB's TIME is a signed duration (-838:59:59 to 838:59:59); Trino's time is a time of day.
        // Refusing such a value is fine; turning it into another time of day is not.
        for (String value : List.of("25:00:00", "-838:59:59")) {
            List<String> result;
            try {
                result = trinoQuery("SELECT CAST('" + value + "' AS TIME) AS t");
            }
            catch (SQLException e) {
                continue;
            }
            assertThat(result).as("TIME '%s' through QueryFlux", value).containsExactly(value);
        }
    }
}
