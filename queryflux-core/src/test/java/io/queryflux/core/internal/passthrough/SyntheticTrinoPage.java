package io.queryflux.core.internal.passthrough;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Collections.enumeration;

/**
 * Generates a Trino result page of any size as a stream, never holding it: a header, {@code data}
 * rows full of look-alikes of {@code nextUri} (in strings, escaped, in map values), and a footer.
 * The same arguments always give the same bytes, so a test can regenerate the expected output.
 */
final class SyntheticTrinoPage
{
    static final String QUERY_ID = "20240101_000000_00001_abcde";
    static final String NEXT_URI = "http://coordinator:8080/v1/statement/executing/" + QUERY_ID + "/y1a2b3/7";

    private static final String[] ROWS = {
            "[1,\"plain text value\",\"2024-01-01 00:00:00.000\",{\"k\":\"v\"},[1.5,2.5],null,true]",
            "[2,\"has \\\"nextUri\\\":\\\"http://coordinator:8080/v1/statement/executing/fake/1\\\" inside\","
                    + "{\"nextUri\":\"http://coordinator:8080/v1/map-value\"},[],\"ends with backslash \\\\\",false]",
            "[3,\"\\u0022nextUri\\u0022:\\u0022x\\u0022 \u00e9 \u2603 \ud834\udd1e\",\"}]{[\\\"\","
                    + "{\"a\\\"b\":\"c\\\\\",\"nested\":{\"nextUri\":\"n\"}},[-1.0E10,0.0,\"NaN\"],null,true]",
            "[4,\"" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(4) + "\",12345.678,"
                    + "\"2024-06-30 12:34:56.789 UTC\",{},[[1,2],[3,[4,{\"nextUri\":[\"deep\"]}]]],null,false]",
    };

    private SyntheticTrinoPage() {}

    /**
     * A page with at least {@code dataBytes} bytes of rows and the given top-level {@code nextUri},
     * written before {@code columns} or, if {@code nextUriLast}, as the last member of the root.
     */
    static InputStream stream(String nextUri, long dataBytes, boolean nextUriLast)
    {
        String member = "\"nextUri\":\"" + new String(JsonStringEncoder.getInstance().quoteAsUTF8(nextUri), StandardCharsets.UTF_8) + "\"";
        String header = "{\"id\":\"" + QUERY_ID + "\","
                + "\"infoUri\":\"http://coordinator:8080/ui/query.html?" + QUERY_ID + "\","
                + "\"partialCancelUri\":\"http://coordinator:8080/v1/stage/" + QUERY_ID + ".0\","
                + (nextUriLast ? "" : member + ",")
                + "\"columns\":[{\"name\":\"nextUri\",\"type\":\"varchar\",\"typeSignature\":{\"rawType\":\"varchar\",\"arguments\":[]}}],"
                + "\"data\":[";
        String footer = "],\"stats\":{\"state\":\"RUNNING\",\"queued\":false,\"nodes\":1,"
                + "\"rootStage\":{\"stageId\":\"0\",\"state\":\"RUNNING\",\"nextUri\":\"http://nested/v1/x\",\"subStages\":[]}},"
                + "\"warnings\":[]"
                + (nextUriLast ? "," + member : "")
                + "}";
        return new SequenceInputStream(enumeration(List.of(
                new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)),
                new RowStream(dataBytes),
                new ByteArrayInputStream(footer.getBytes(StandardCharsets.UTF_8)))));
    }

    static byte[] bytes(String nextUri, long dataBytes, boolean nextUriLast)
    {
        try (InputStream in = stream(nextUri, dataBytes, nextUriLast)) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows, separated by commas: a block of all templates repeated, then one final row.
     */
    private static final class RowStream
            extends InputStream
    {
        private final byte[] block;
        private final byte[] last;
        private long blocksLeft;
        private byte[] current;
        private int position;

        RowStream(long dataBytes)
        {
            this.block = (String.join(",", ROWS) + ",").getBytes(StandardCharsets.UTF_8);
            this.last = ROWS[0].getBytes(StandardCharsets.UTF_8);
            this.blocksLeft = Math.max(0, (dataBytes + block.length - 1) / block.length);
            this.current = blocksLeft > 0 ? block : last;
            if (blocksLeft > 0) {
                blocksLeft--;
            }
        }

        @Override
        public int read()
        {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
        {
            if (length == 0) {
                return 0;
            }
            if (position == current.length) {
                if (current == last) {
                    return -1;
                }
                current = blocksLeft > 0 ? block : last;
                if (blocksLeft > 0) {
                    blocksLeft--;
                }
                position = 0;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    }
}
