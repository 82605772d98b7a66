package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.queryflux.core.testing.TestingJson;
import io.queryflux.spi.Column;
import io.queryflux.spi.TrinoType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PageBuilderTest
{
    private static final List<Column> COLUMNS = List.of(
            new Column("n", TrinoType.BIGINT),
            new Column("label", TrinoType.VARCHAR),
            new Column("ratio", TrinoType.DOUBLE),
            new Column("flag", TrinoType.BOOLEAN));

    @Test
    void aMultiChunkPageHasTheBytesOfOneContiguousBuffer()
            throws IOException
    {
        List<Object[]> rows = rows(40_000);
        PageBuilder builder = new PageBuilder(COLUMNS, 1 << 20, 100_000);
        rows.forEach(builder::append);
        Page page = builder.finish();

        byte[] contiguous = contiguous(rows);
        assertThat(page.chunkCount()).isGreaterThan(10);
        assertThat(page.rows()).isEqualTo(rows.size());
        assertThat(page.length()).isEqualTo(contiguous.length);
        assertThat(bytes(page)).isEqualTo(contiguous);
        assertThat(TestingJson.parse("[" + new String(contiguous, StandardCharsets.UTF_8) + "]")).asList().hasSize(rows.size());
    }

    @Test
    void aPageClosesAtItsTargetAndTheNextStartsAfresh()
            throws IOException
    {
        List<Object[]> rows = rows(40_000);
        PageBuilder builder = new PageBuilder(COLUMNS, 200_000, 100_000);
        List<Page> pages = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < rows.size(); i++) {
            builder.append(rows.get(i));
            if (builder.isFull() || i == rows.size() - 1) {
                Page page = builder.finish();
                assertThat(bytes(page)).isEqualTo(contiguous(rows.subList(first, i + 1)));
                pages.add(page);
                first = i + 1;
            }
        }
        assertThat(pages).hasSizeGreaterThan(2);
        assertThat(pages.get(0).length()).isBetween(200_000, 200_000 + 8192);
        assertThat(pages.get(0).chunkCount()).isEqualTo(4);
        assertThat(pages.stream().mapToInt(Page::rows).sum()).isEqualTo(rows.size());
    }

    @Test
    void reservingAResponseWritesIdenticalBytes()
            throws IOException
    {
        List<Object[]> rows = rows(40_000);
        PageBuilder builder = new PageBuilder(COLUMNS, 1 << 20, 100_000);
        rows.forEach(builder::append);
        ResponseBody body = QueryResultsWriter.write(new QueryResultsWriter.QueryResults(
                "20260101_000000_00001_abcde", "http://localhost/info", "http://localhost/next", ColumnsJson.encode(COLUMNS),
                builder.finish(), "RUNNING", 0, 0, rows.size(), null, null, null, List.of()))
                .withHeaders(List.of(Map.entry("X-Trino-Set-Catalog", "memory")));

        byte[] first = bytes(body);
        byte[] again = bytes(body);

        assertThat(again).isEqualTo(first);
        assertThat(first).hasSize(body.length());
        Map<String, Object> results = TestingJson.object(new String(first, StandardCharsets.UTF_8));
        assertThat((List<?>) results.get("data")).hasSize(rows.size());
        byte[] rowBytes = contiguous(rows);
        byte[] expected = new byte[body.head().length + rowBytes.length + body.tail().length];
        System.arraycopy(body.head(), 0, expected, 0, body.head().length);
        System.arraycopy(rowBytes, 0, expected, body.head().length, rowBytes.length);
        System.arraycopy(body.tail(), 0, expected, body.head().length + rowBytes.length, body.tail().length);
        assertThat(first).isEqualTo(expected);
    }

    // Labels of varying length, some with multi-byte characters, so rows straddle chunk boundaries at every offset.
    private static List<Object[]> rows(int count)
    {
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            String label = "row-" + i + "-é€𝄞".repeat((int) (i % 4)) + "\"quoted\\".repeat((int) (i % 3));
            rows.add(new Object[] {i, label, i / 7.0, i % 5 == 0 ? null : i % 2 == 0});
        }
        return rows;
    }

    // What PageBuilder wrote before pages were chunked: the rows in one growing array.
    private static byte[] contiguous(List<Object[]> rows)
            throws IOException
    {
        ValueWriter[] writers = COLUMNS.stream().map(column -> ValueWriters.forType(column.type())).toArray(ValueWriter[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = TrinoJson.FACTORY.createGenerator(out)) {
            generator.setRootValueSeparator(new SerializedString(","));
            for (Object[] row : rows) {
                generator.writeStartArray();
                for (int i = 0; i < writers.length; i++) {
                    ValueWriters.writeNullable(generator, writers[i], row[i]);
                }
                generator.writeEndArray();
            }
        }
        return out.toByteArray();
    }

    private static byte[] bytes(Page page)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        page.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] bytes(ResponseBody body)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }
}
