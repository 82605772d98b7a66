package io.queryflux.core.internal.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuckDbTypesTest
{
    @Test
    void mapsScalarTypes()
    {
        assertDisplayName("BOOLEAN", "boolean");
        assertDisplayName("TINYINT", "tinyint");
        assertDisplayName("SMALLINT", "smallint");
        assertDisplayName("INTEGER", "integer");
        assertDisplayName("BIGINT", "bigint");
        assertDisplayName("HUGEINT", "decimal(38, 0)");
        assertDisplayName("UHUGEINT", "decimal(38, 0)");
        assertDisplayName("UBIGINT", "decimal(20, 0)");
        assertDisplayName("UINTEGER", "bigint");
        assertDisplayName("USMALLINT", "integer");
        assertDisplayName("UTINYINT", "smallint");
        assertDisplayName("FLOAT", "real");
        assertDisplayName("DOUBLE", "double");
        assertDisplayName("DECIMAL(10,2)", "decimal(10, 2)");
        assertDisplayName("VARCHAR", "varchar");
        assertDisplayName("BLOB", "varbinary");
        assertDisplayName("DATE", "date");
        assertDisplayName("TIME", "time(6)");
        assertDisplayName("TIME WITH TIME ZONE", "time(6) with time zone");
        assertDisplayName("TIMESTAMP", "timestamp(6)");
        assertDisplayName("TIMESTAMP_MS", "timestamp(3)");
        assertDisplayName("TIMESTAMP_S", "timestamp(0)");
        assertDisplayName("TIMESTAMP_NS", "timestamp(9)");
        assertDisplayName("TIMESTAMP WITH TIME ZONE", "timestamp(6) with time zone");
        assertDisplayName("UUID", "uuid");
        assertDisplayName("JSON", "json");
    }

    @Test
    void mapsTypesWithoutTrinoCounterpartToVarchar()
    {
        assertDisplayName("INTERVAL", "varchar");
        assertDisplayName("ENUM", "varchar");
        assertDisplayName("ENUM('a', 'b')", "varchar");
        assertDisplayName("UNION(num INTEGER, str VARCHAR)", "varchar");
        assertDisplayName("BIT", "varchar");
        assertDisplayName("BIGNUM", "varchar");
        assertDisplayName("GEOMETRY", "varchar");
    }

    @Test
    void mapsNestedTypes()
    {
        assertDisplayName("INTEGER[]", "array(integer)");
        assertDisplayName("INTEGER[3]", "array(integer)");
        assertDisplayName("INTEGER[2][]", "array(array(integer))");
        assertDisplayName("MAP(VARCHAR, INTEGER)", "map(varchar, integer)");
        assertDisplayName("STRUCT(a INTEGER, b VARCHAR)", "row(a integer, b varchar)");
        assertDisplayName("STRUCT(a INTEGER, b VARCHAR)[]", "array(row(a integer, b varchar))");
        assertDisplayName("STRUCT(\"A b\" HUGEINT, m MAP(UUID, TIMESTAMP_MS[]))", "row(\"A b\" decimal(38, 0), m map(uuid, array(timestamp(3))))");
    }

    private static void assertDisplayName(String duckDbType, String trinoType)
    {
        DuckDbType parsed = DuckDbTypeParser.parse(duckDbType).orElseThrow();
        assertThat(DuckDbTypes.trinoType(parsed).displayName()).as(duckDbType).isEqualTo(trinoType);
    }
}
