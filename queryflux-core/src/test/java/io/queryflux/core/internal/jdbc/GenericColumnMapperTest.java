package io.queryflux.core.internal.jdbc;

import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.Backend;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;

import static io.queryflux.core.internal.jdbc.DuckDbTesting.run;
import static io.queryflux.core.internal.jdbc.DuckDbTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class GenericColumnMapperTest
{
    @Test
    void mapsIntegralTypesWideningUnsignedOnes()
            throws SQLException
    {
        assertType(Types.TINYINT, "tinyint", 3, 0, true, "tinyint");
        assertType(Types.TINYINT, "tinyint unsigned", 3, 0, false, "smallint");
        assertType(Types.SMALLINT, "int2", 5, 0, true, "smallint");
        assertType(Types.SMALLINT, "smallint unsigned", 5, 0, false, "integer");
        assertType(Types.INTEGER, "int4", 10, 0, true, "integer");
        assertType(Types.INTEGER, "int unsigned", 10, 0, false, "bigint");
        assertType(Types.BIGINT, "int8", 19, 0, true, "bigint");
        assertType(Types.BIGINT, "bigint unsigned", 20, 0, false, "decimal(20, 0)");
    }

    @Test
    void aDriverThatCannotTellSignednessGetsSignedTypes()
            throws SQLException
    {
        ResultSetMetaData metadata = metadata(Types.INTEGER, "int", 10, 0, true);
        when(metadata.isSigned(1)).thenThrow(new SQLFeatureNotSupportedException());
        assertThat(new GenericColumnMapper().map(metadata, 1).type().displayName()).isEqualTo("integer");
    }

    @Test
    void mapsBooleansAndFloatingPoint()
            throws SQLException
    {
        assertType(Types.BOOLEAN, "boolean", 1, 0, true, "boolean");
        // PostgreSQL's bool arrives as BIT(1).
        assertType(Types.BIT, "bool", 1, 0, true, "boolean");
        assertType(Types.BIT, "bit", 8, 0, true, "varchar");
        assertType(Types.REAL, "float4", 8, 8, true, "real");
        assertType(Types.FLOAT, "float", 17, 17, true, "double");
        assertType(Types.DOUBLE, "float8", 17, 17, true, "double");
    }

    @Test
    void mapsDecimalsWithinTrinosRangeOnly()
            throws SQLException
    {
        assertType(Types.NUMERIC, "numeric", 10, 2, true, "decimal(10, 2)");
        assertType(Types.DECIMAL, "decimal", 38, 38, true, "decimal(38, 38)");
        // Unconstrained (PostgreSQL reports precision 0) or too wide: exact text.
        assertType(Types.NUMERIC, "numeric", 0, 0, true, "varchar");
        assertType(Types.NUMERIC, "numeric", 1000, 0, true, "varchar");
        assertType(Types.DECIMAL, "number", 10, -2, true, "varchar");
    }

    @Test
    void mapsCharactersAndBinary()
            throws SQLException
    {
        assertType(Types.VARCHAR, "varchar", 10, 0, true, "varchar(10)");
        assertType(Types.VARCHAR, "text", Integer.MAX_VALUE, 0, true, "varchar");
        assertType(Types.VARCHAR, "varchar", 0, 0, true, "varchar");
        assertType(Types.NVARCHAR, "nvarchar", 5, 0, true, "varchar(5)");
        assertType(Types.LONGVARCHAR, "mediumtext", 16_777_215, 0, true, "varchar");
        assertType(Types.CLOB, "clob", 0, 0, true, "varchar");
        assertType(Types.CHAR, "bpchar", 3, 0, true, "char(3)");
        assertType(Types.CHAR, "bpchar", Integer.MAX_VALUE, 0, true, "varchar");
        assertType(Types.VARBINARY, "bytea", Integer.MAX_VALUE, 0, true, "varbinary");
        assertType(Types.BLOB, "blob", 65_535, 0, true, "varbinary");
    }

    @Test
    void mapsTemporalTypesWithTheirFractionDigits()
            throws SQLException
    {
        assertType(Types.DATE, "date", 10, 0, true, "date");
        assertType(Types.TIME, "time", 15, 6, true, "time(6)");
        assertType(Types.TIME, "time", 8, 0, true, "time(0)");
        assertType(Types.TIMESTAMP, "timestamp", 29, 6, true, "timestamp(6)");
        assertType(Types.TIMESTAMP, "datetime", 23, 3, true, "timestamp(3)");
        assertType(Types.TIMESTAMP, "timestamp", 29, 99, true, "timestamp(6)");
        assertType(Types.TIMESTAMP_WITH_TIMEZONE, "timestamp with time zone", 35, 6, true, "timestamp(6) with time zone");
        // PostgreSQL reports timestamptz as a plain TIMESTAMP.
        assertType(Types.TIMESTAMP, "timestamptz", 35, 6, true, "timestamp(6) with time zone");
    }

    @Test
    void mapsWellKnownTypeNamesAndFallsBackToVarchar()
            throws SQLException
    {
        assertType(Types.OTHER, "uuid", 0, 0, true, "uuid");
        assertType(Types.OTHER, "jsonb", 0, 0, true, "json");
        assertType(Types.LONGVARCHAR, "JSON", 0, 0, true, "json");
        assertType(Types.ARRAY, "_int4", 0, 0, true, "array(varchar)");
        assertType(Types.OTHER, "interval", 0, 0, true, "varchar");
        assertType(Types.STRUCT, "record", 0, 0, true, "varchar");
        assertType(Types.SQLXML, "xml", 0, 0, true, "varchar");
        assertType(Types.NULL, null, 0, 0, true, "varchar");
    }

    @Test
    void readsValuesThroughARealDriver()
    {
        ConnectionPool pool = new ConnectionPool("generic", new DriverConnectionFactory("jdbc:duckdb:", new Properties(), List.of()), 1, "SELECT 1", Duration.ofSeconds(5));
        try (Backend backend = new JdbcBackend(pool, new GenericColumnMapper())) {
            TestingResultSink sink = run(backend, "SELECT 1::INTEGER AS i, 2::BIGINT AS b, NULL::INTEGER AS n, true AS t, 1.25::DOUBLE AS d, "
                    + "1.5::DECIMAL(10,2) AS m, 'x' AS s, DATE '2024-02-29' AS dt, TIMESTAMP '2024-01-02 03:04:05' AS ts, [1, NULL] AS a, "
                    + "4294967295::UINTEGER AS u");
            assertThat(sink.typeNames()).containsExactly(
                    "integer", "bigint", "integer", "boolean", "double", "decimal(10, 2)", "varchar", "date", "timestamp(0)", "array(varchar)", "decimal(20, 0)");
            assertThat(sink.rows()).containsExactly(values(1, 2L, null, true, 1.25, new BigDecimal("1.50"), "x", LocalDate.of(2024, 2, 29),
                    LocalDateTime.of(2024, 1, 2, 3, 4, 5), values("1", null), new BigDecimal(4294967295L)));
        }
    }

    private static void assertType(int jdbcType, String typeName, int precision, int scale, boolean signed, String expected)
            throws SQLException
    {
        MappedColumn mapped = new GenericColumnMapper().map(metadata(jdbcType, typeName, precision, scale, signed), 1);
        assertThat(mapped.type().displayName()).as(typeName).isEqualTo(expected);
    }

    private static ResultSetMetaData metadata(int jdbcType, String typeName, int precision, int scale, boolean signed)
            throws SQLException
    {
        ResultSetMetaData metadata = mock(ResultSetMetaData.class);
        when(metadata.getColumnType(1)).thenReturn(jdbcType);
        when(metadata.getColumnTypeName(1)).thenReturn(typeName);
        when(metadata.getPrecision(1)).thenReturn(precision);
        when(metadata.getScale(1)).thenReturn(scale);
        when(metadata.isSigned(1)).thenReturn(signed);
        return metadata;
    }
}
