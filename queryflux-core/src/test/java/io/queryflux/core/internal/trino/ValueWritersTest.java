package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.spi.TrinoType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ValueWritersTest
{
    @Test
    void floatingPointAlwaysHasAPointAndSpecialValuesAreStrings()
            throws IOException
    {
        assertThat(json(TrinoType.DOUBLE, 1.0)).isEqualTo("1.0");
        assertThat(json(TrinoType.DOUBLE, Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(json(TrinoType.DOUBLE, Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
        assertThat(json(TrinoType.DOUBLE, Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(json(TrinoType.REAL, 2.5f)).isEqualTo("2.5");
        assertThat(json(TrinoType.REAL, Float.NaN)).isEqualTo("\"NaN\"");
    }

    @Test
    void integersAreNumbersAndDecimalsAreStringsWithTheTypesScale()
            throws IOException
    {
        assertThat(json(TrinoType.BIGINT, Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(json(TrinoType.TINYINT, (byte) -3)).isEqualTo("-3");
        assertThat(json(TrinoType.decimal(10, 2), new BigDecimal("12.5"))).isEqualTo("\"12.50\"");
        assertThat(json(TrinoType.decimal(38, 0), new BigDecimal("1E+3"))).isEqualTo("\"1000\"");
    }

    @Test
    void temporalValuesUseTheTypesPrecision()
            throws IOException
    {
        LocalDateTime timestamp = LocalDateTime.of(2024, 2, 29, 13, 5, 7, 123_456_789);
        assertThat(json(TrinoType.timestamp(6), timestamp)).isEqualTo("\"2024-02-29 13:05:07.123456\"");
        assertThat(json(TrinoType.timestamp(3), timestamp)).isEqualTo("\"2024-02-29 13:05:07.123\"");
        assertThat(json(TrinoType.timestamp(0), timestamp)).isEqualTo("\"2024-02-29 13:05:07\"");
        assertThat(json(TrinoType.timestamp(9), timestamp)).isEqualTo("\"2024-02-29 13:05:07.123456789\"");
        assertThat(json(TrinoType.time(6), LocalTime.of(1, 2, 3, 4_000))).isEqualTo("\"01:02:03.000004\"");
        assertThat(json(TrinoType.DATE, LocalDate.of(1, 1, 1))).isEqualTo("\"0001-01-01\"");
        OffsetDateTime berlin = OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1));
        assertThat(json(TrinoType.timestampWithTimeZone(6), berlin)).isEqualTo("\"2024-01-01 11:00:00.000000 UTC\"");
    }

    @Test
    void binaryIsBase64AndUuidIsItsText()
            throws IOException
    {
        assertThat(json(TrinoType.VARBINARY, new byte[] {0, 1, (byte) 0xff})).isEqualTo("\"AAH/\"");
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(json(TrinoType.UUID, uuid)).isEqualTo("\"123e4567-e89b-12d3-a456-426614174000\"");
    }

    @Test
    void nestedValuesAreArraysObjectsAndPositionalRows()
            throws IOException
    {
        assertThat(json(TrinoType.array(TrinoType.INTEGER), Arrays.asList(1, null, 3))).isEqualTo("[1,null,3]");
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "one");
        map.put(2, null);
        assertThat(json(TrinoType.map(TrinoType.INTEGER, TrinoType.VARCHAR), map)).isEqualTo("{\"1\":\"one\",\"2\":null}");
        TrinoType row = TrinoType.row(List.of(new TrinoType.Field("a", TrinoType.BIGINT), new TrinoType.Field("b", TrinoType.array(TrinoType.DOUBLE))));
        assertThat(json(row, List.of(7L, List.of(1.0, Double.NaN)))).isEqualTo("[7,[1.0,\"NaN\"]]");
    }

    @Test
    void displayNamesMatchTrino()
    {
        assertThat(TrinoType.VARCHAR.displayName()).isEqualTo("varchar");
        assertThat(TrinoType.varchar(5).displayName()).isEqualTo("varchar(5)");
        assertThat(TrinoType.decimal(10, 2).displayName()).isEqualTo("decimal(10, 2)");
        assertThat(TrinoType.timestampWithTimeZone(3).displayName()).isEqualTo("timestamp(3) with time zone");
        assertThat(TrinoType.row(List.of(new TrinoType.Field("a", TrinoType.BIGINT), new TrinoType.Field("Mixed Case", TrinoType.VARCHAR))).displayName())
                .isEqualTo("row(a bigint, \"Mixed Case\" varchar)");
    }

    private static String json(TrinoType type, Object value)
            throws IOException
    {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = TrinoJson.FACTORY.createGenerator(out)) {
            ValueWriters.writeNullable(generator, ValueWriters.forType(type), value);
        }
        return out.toString();
    }
}
