package io.queryflux.jetty.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.queryflux.jetty.jdbc.JdbcEngines.GENERIC_INTERNAL_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * trino-jdbc through QueryFlux to PostgreSQL ({@code engine: jdbc} with the PostgreSQL driver).
 */
class PostgreSqlEngineTest
        extends JdbcEngineContract
{
    private static final String UUID_VALUE = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    private static final String JSON_VALUE = "{\"a\": [1, 2.5, {\"b\": null}], \"s\": \"x\"}";

    @Override
    protected Map<String, Object> cluster()
    {
        return JdbcEngines.postgresCluster();
    }

    @Override
    protected Connection connectDirectly()
            throws SQLException
    {
        return JdbcEngines.connectPostgres();
    }

    @Override
    protected String dropSchemaSql(String schema)
    {
        return "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
    }

    @Override
    protected String rangeQuery(int rows)
    {
        return "SELECT g AS n, 'row ' || g AS label FROM generate_series(1, " + rows + ") AS g ORDER BY g";
    }

    @Override
    protected String sleepQuery(String marker)
    {
        return "SELECT pg_sleep(30) AS " + marker;
    }

    @Override
    protected int runningStatements(String marker)
            throws SQLException
    {
        try (PreparedStatement statement = direct.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE ?")) {
            statement.setString(1, "%pg_sleep%" + marker + "%");
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
                new Column("c_smallint", "smallint", "smallint", Check.LONG),
                new Column("c_integer", "integer", "integer", Check.LONG),
                new Column("c_bigint", "bigint", "bigint", Check.LONG),
                new Column("c_numeric", "numeric(10,2)", "decimal(10,2)", Check.DECIMAL),
                new Column("c_real", "real", "real", Check.REAL),
                new Column("c_double", "double precision", "double", Check.DOUBLE),
                new Column("c_varchar", "varchar(20)", "varchar(20)", Check.STRING),
                new Column("c_text", "text", "varchar", Check.STRING),
                new Column("c_boolean", "boolean", "boolean", Check.BOOLEAN),
                new Column("c_date", "date", "date", Check.DATE),
                new Column("c_time", "time", "time(6)", Check.TIME),
                new Column("c_time3", "time(3)", "time(3)", Check.TIME),
                new Column("c_timestamp", "timestamp", "timestamp(6)", Check.TIMESTAMP),
                new Column("c_timestamp0", "timestamp(0)", "timestamp(0)", Check.TIMESTAMP),
                new Column("c_timestamptz", "timestamptz", "timestamp(6) with time zone", Check.INSTANT),
                new Column("c_bytea", "bytea", "varbinary", Check.BYTES),
                new Column("c_uuid", "uuid", "uuid", Check.STRING),
                new Column("c_json", "json", "json", Check.STRING),
                new Column("c_jsonb", "jsonb", "json", Check.STRING));
        List<List<String>> rows = List.of(
                List.of("-32768", "-2147483648", "-9223372036854775808", "12345678.91", "1.5", "0.1",
                        "'héllo wörld'", "E'multi\\nline ✓ text'", "true", "'2024-02-29'", "'13:45:56.123456'", "'23:59:59.999'",
                        "'2024-02-29 13:45:56.123456'", "'2024-02-29 13:45:56'", "'2024-02-29 13:45:56.123456+05:30'",
                        "'\\xdeadbeef00ff'::bytea", "'" + UUID_VALUE + "'", "'" + JSON_VALUE + "'", "'" + JSON_VALUE + "'"),
                List.of("32767", "2147483647", "9223372036854775807", "-0.01", "'-Infinity'", "'NaN'",
                        "''", "''", "false", "'1900-01-01'", "'00:00:00'", "'00:00:00'",
                        "'1900-01-01 00:00:00'", "'1970-01-01 00:00:00'", "'1969-12-31 23:59:59.999999+00'",
                        "''::bytea", "'" + UUID.randomUUID() + "'", "'[]'", "'{}'"));
        assertRoundTrip("types", columns, rows);
    }

    @Test
    void uuidAndJsonValues()
            throws SQLException
    {
        // What trino-jdbc hands out for uuid and json (the round trip compares their text); jsonb is normalized by PostgreSQL.
        try (Statement statement = trino.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT CAST('" + UUID_VALUE + "' AS uuid) AS u, CAST('" + JSON_VALUE + "' AS jsonb) AS j")) {
            assertThat(resultSet.next()).isTrue();
            // Like Trino itself, trino-jdbc hands out uuid as its text.
            assertThat(resultSet.getMetaData().getColumnTypeName(1)).isEqualTo("uuid");
            assertThat(resultSet.getObject(1)).isEqualTo(UUID_VALUE);
            assertThat(resultSet.getMetaData().getColumnTypeName(2)).isEqualTo("json");
            assertThat(resultSet.getString(2)).isEqualTo("{\"a\": [1, 2.5, {\"b\": null}], \"s\": \"x\"}");
        }
    }

    @Test
    void timeWithTimeZone()
            throws SQLException
    {
        // PostgreSQL's driver reports timetz as java.sql.Types.TIME with type name "timetz".
        try (Statement statement = trino.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT CAST('12:34:56.789+02' AS timetz) AS t")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getMetaData().getColumnTypeName(1)).startsWith("time");
            assertThat(resultSet.getString(1)).startsWith("12:34:56.789").contains("+02");
        }
    }

    @Test
    void infiniteTimestampIsAnEngineValueError()
    {
        // Trino's timestamp with time zone has no infinity: refusing it is right, but as a classified
        // error about the value, not as an internal failure with a Java exception's text.
        SQLException exception = catchThrowableOfType(SQLException.class, () -> trinoQuery("SELECT CAST('infinity' AS timestamptz) AS t"));

        assertThat((Throwable) exception).isNotNull();
        assertThat(exception.getErrorCode()).as(exception.toString()).isNotEqualTo(GENERIC_INTERNAL_ERROR);
        assertThat(exception.getMessage()).doesNotContain("java.time");
    }
}
