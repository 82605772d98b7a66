package io.queryflux.core.internal.passthrough;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Measures the rewriter on a ~100 MB synthetic Trino page against a plain {@link InputStream#transferTo}
 * copy and, for reference, jackson-core's non-blocking parser merely tokenizing the same bytes.
 * Both copies read from the same in-memory stream and write to a sink that copies into a 64 KiB
 * buffer, like a socket buffer would. Not a test: run its main method.
 */
public final class NextUriRewriterBenchmark
{
    private static final int RUNS = 5;
    private static final long DATA_BYTES = 100L * 1024 * 1024;

    private NextUriRewriterBenchmark() {}

    public static void main(String[] args)
            throws IOException
    {
        byte[] page = SyntheticTrinoPage.bytes(SyntheticTrinoPage.NEXT_URI, DATA_BYTES, true);
        double megabytes = page.length / (1024.0 * 1024.0);
        System.out.printf("page: %.1f MB, %d runs (median), after warm-up%n", megabytes, RUNS);

        UriMapper mapper = new UriRebaser("http://proxy:8080/cluster-a");
        Run rewrite = () -> NextUriRewriter.rewrite(new MemoryStream(page), new CopyingSink(), mapper);
        Run copy = () -> new MemoryStream(page).transferTo(new CopyingSink());
        Run jackson = () -> tokenize(page);

        for (int i = 0; i < 3; i++) {
            rewrite.run();
            copy.run();
            jackson.run();
        }
        // Interleaved, so that load from other processes hits all three alike
        double[][] seconds = new double[3][RUNS];
        Run[] runs = {rewrite, copy, jackson};
        for (int i = 0; i < RUNS; i++) {
            for (int which = 0; which < runs.length; which++) {
                long start = System.nanoTime();
                runs[which].run();
                seconds[which][i] = (System.nanoTime() - start) / 1e9;
            }
        }
        double rewriteSeconds = median(seconds[0]);
        double copySeconds = median(seconds[1]);
        double jacksonSeconds = median(seconds[2]);
        System.out.printf("rewriter:          %8.0f MB/s%n", megabytes / rewriteSeconds);
        System.out.printf("transferTo copy:   %8.0f MB/s%n", megabytes / copySeconds);
        System.out.printf("ratio:             %8.2f (rewriter / copy)%n", copySeconds / rewriteSeconds);
        System.out.printf("jackson tokenize:  %8.0f MB/s (non-blocking parser, no copy, reference only)%n", megabytes / jacksonSeconds);
    }

    private static double median(double[] seconds)
    {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void tokenize(byte[] page)
            throws IOException
    {
        try (JsonParser parser = new JsonFactory().createNonBlockingByteArrayParser()) {
            ByteArrayFeeder feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
            int chunk = BodyScanner.CHUNK_SIZE;
            for (int offset = 0; offset < page.length; offset += chunk) {
                feeder.feedInput(page, offset, Math.min(page.length, offset + chunk));
                while (parser.nextToken() != JsonToken.NOT_AVAILABLE) {
                    // tokens only
                }
            }
            feeder.endOfInput();
        }
    }

    private interface Run
    {
        void run()
                throws IOException;
    }

    /**
     * An in-memory stream without ByteArrayInputStream's single-write transferTo shortcut.
     */
    private static final class MemoryStream
            extends InputStream
    {
        private final byte[] data;
        private int position;

        MemoryStream(byte[] data)
        {
            this.data = data;
        }

        @Override
        public int read()
        {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
        {
            if (position >= data.length) {
                return -1;
            }
            int count = Math.min(length, data.length - position);
            System.arraycopy(data, position, buffer, offset, count);
            position += count;
            return count;
        }
    }

    /**
     * Copies what it is given into a 64 KiB buffer, like a socket or servlet output buffer.
     */
    private static final class CopyingSink
            extends OutputStream
    {
        private final byte[] buffer = new byte[64 * 1024];
        private int position;

        @Override
        public void write(int b)
        {
            if (position == buffer.length) {
                position = 0;
            }
            buffer[position++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length)
        {
            while (length > 0) {
                if (position == buffer.length) {
                    position = 0;
                }
                int count = Math.min(length, buffer.length - position);
                System.arraycopy(source, offset, buffer, position, count);
                position += count;
                offset += count;
                length -= count;
            }
        }
    }
}
