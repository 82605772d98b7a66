package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonParser;
import io.queryflux.spi.TrinoType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Firebolt's type names to Trino types, and Firebolt's JSON values to the Java forms of those types.
 */
class FireboltTypesTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "int|integer",
            "int null|integer",
            "INT NOT NULL|integer",
            "bigint|bigint",
            "real|real",
            "double|double",
            "double precision|double",
            "double precision null|double",
            "text|varchar",
            "boolean|boolean",
            "date|date",
            "timestamp|timestamp(6)",
            "timestamptz|timestamp(6) with time zone",
            "bytea|varbinary",
            "numeric(38, 9)|decimal(38, 9)",
            "numeric(10,2) null|decimal(10, 2)",
            "numeric(5)|decimal(5, 0)",
            "numeric|varchar",
            "numeric(76, 0)|varchar",
            "array(int)|array(integer)",
            "array(int null) null|array(integer)",
            "array(array(text null) null)|array(array(varchar))",
            "geography|varchar",
            "struct(a int, b text)|varchar",
    })
    void mapsTypeNames(String firebolt, String trino)
    {
        assertThat(FireboltTypes.map(firebolt).type().displayName()).isEqualTo(trino);
    }

    @Test
    void readsIntegers()
            throws IOException
    {
        assertThat(read("int", "7")).isEqualTo(7);
        assertThat(read("int", "\"-7\"")).isEqualTo(-7);
        assertThat(read("bigint", "9007199254740993")).isEqualTo(9007199254740993L);
        assertThat(read("bigint", "\"9223372036854775807\"")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void readsFloatsWithTheirSpecialStrings()
            throws IOException
    {
        assertThat(read("real", "1.5")).isEqualTo(1.5f);
        assertThat(read("real", "\"inf\"")).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(read("real", "\"-nan\"")).isEqualTo(Float.NaN);
        assertThat(read("double", "2")).isEqualTo(2.0);
        assertThat(read("double precision", "\"-inf\"")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(read("double", "\"nan\"")).isEqualTo(Double.NaN);
        assertThat(read("double", "1e308")).isEqualTo(1e308);
    }

    @Test
    void readsTextBooleansAndDates()
            throws IOException
    {
        assertThat(read("text", "\"héllo\"")).isEqualTo("héllo");
        assertThat(read("boolean", "true")).isEqualTo(true);
        assertThat(read("boolean", "\"f\"")).isEqualTo(false);
        assertThat(read("date", "\"0001-01-01\"")).isEqualTo(LocalDate.of(1, 1, 1));
    }

    @Test
    void readsTimestampsWithAnyFraction()
            throws IOException
    {
        assertThat(read("timestamp", "\"2024-01-02 03:04:05\"")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertThat(read("timestamp", "\"2024-01-02 03:04:05.1\"")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 100_000_000));
        assertThat(read("timestamp", "\"2024-01-02 03:04:05.123456\"")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
    }

    @Test
    void readsTimestampsWithTimeZoneInEveryOffsetForm()
            throws IOException
    {
        assertThat(read("timestamptz", "\"1996-09-03 09:19:33.123456+00\"")).isEqualTo(OffsetDateTime.of(1996, 9, 3, 9, 19, 33, 123_456_000, ZoneOffset.UTC));
        assertThat(read("timestamptz", "\"1996-09-03 09:19:33-08\"")).isEqualTo(OffsetDateTime.of(1996, 9, 3, 9, 19, 33, 0, ZoneOffset.ofHours(-8)));
        assertThat(read("timestamptz", "\"1996-09-03 09:19:33.5+05:30\"")).isEqualTo(OffsetDateTime.of(1996, 9, 3, 9, 19, 33, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(read("timestamptz", "\"1996-09-03 09:19:33+0530\"")).isEqualTo(OffsetDateTime.of(1996, 9, 3, 9, 19, 33, 0, ZoneOffset.ofHoursMinutes(5, 30)));
    }

    @Test
    void readsByteaFromHex()
            throws IOException
    {
        assertThat((byte[]) read("bytea", "\"\\\\x00ff7A\"")).containsExactly(0x00, 0xFF, 0x7A);
        assertThat((byte[]) read("bytea", "\"\\\\x\"")).isEmpty();
        assertThatThrownBy(() -> read("bytea", "\"plain\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsNumericsExactly()
            throws IOException
    {
        assertThat(read("numeric(38, 9)", "12345678901234567890.123456789")).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat(read("numeric(10, 2)", "\"-0.50\"")).isEqualTo(new BigDecimal("-0.50"));
    }

    @Test
    void readsArraysRecursively()
            throws IOException
    {
        assertThat(read("array(int null)", "[1, null, 3]")).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(read("array(array(bigint))", "[[\"1\"], [], [2, 3]]")).isEqualTo(List.of(List.of(1L), List.of(), List.of(2L, 3L)));
        assertThat(read("array(timestamptz)", "[\"2024-01-01 00:00:00+00\"]")).isEqualTo(List.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void readsAnythingElseAsText()
            throws IOException
    {
        assertThat(FireboltTypes.map("geography").type()).isEqualTo(TrinoType.VARCHAR);
        assertThat(read("geography", "\"POINT(1 2)\"")).isEqualTo("POINT(1 2)");
        assertThat(read("struct(a int, b text)", "{\"a\": 1, \"b\": [\"x\"]}")).isEqualTo("{\"a\":1,\"b\":[\"x\"]}");
        assertThat(read("numeric", "1.0000000000000000000000000000000000000001")).isEqualTo("1.0000000000000000000000000000000000000001");
    }

    private static Object read(String type, String json)
            throws IOException
    {
        try (JsonParser parser = FireboltJson.FACTORY.createParser(json)) {
            parser.nextToken();
            return FireboltTypes.map(type).reader().read(parser);
        }
    }
}
