package io.queryflux.core.internal.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.core.testing.TestingResultSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.queryflux.core.internal.firebolt.FireboltTesting.TIMEOUT;
import static io.queryflux.core.internal.firebolt.FireboltTesting.backend;
import static io.queryflux.core.internal.firebolt.FireboltTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million rows pass through the backend with bounded memory: when the sink blocks, the backend has
 * read hardly more of Firebolt's answer than the rows the sink took, so nothing piles up in between.
 */
class FireboltStreamingTest
{
    private static final Logger log = LoggerFactory.getLogger(FireboltStreamingTest.class);
    private static final int ROWS = 1_000_000;
    private static final int PAUSE_AT = 600_000;
    // The parser's input buffer (8000 bytes) and a partly read message; anything near the result size would fail.
    private static final long MAX_READ_AHEAD = 64 * 1024;

    private TestingFireboltCore core;

    @BeforeEach
    void start()
    {
        core = TestingFireboltCore.start();
    }

    @AfterEach
    void stop()
    {
        core.close();
    }

    @Test
    void aMillionRowsStreamWithoutTheBackendReadingAhead()
            throws Exception
    {
        AtomicLong bytesRead = new AtomicLong();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicLong bytesReadAtPause = new AtomicLong();
        TestingResultSink sink = new TestingResultSink(row -> {
            if (row == PAUSE_AT) {
                bytesReadAtPause.set(bytesRead.get());
                paused.countDown();
                awaitQuietly(resume);
            }
        }, false);
        String sql = "SELECT i, 'row-' || i AS label FROM range(" + ROWS + ") t(i)";

        try (FireboltBackend backend = backend(FireboltTesting.settings(core), body -> new CountingInputStream(body, bytesRead))) {
            CompletableFuture<Void> query = CompletableFuture.runAsync(() -> run(backend, new TestingTrinoSession(), sql, sink, new TestingCancellation()));
            assertThat(paused.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            long readAhead = bytesReadAtPause.get() - minimumBytesFor(PAUSE_AT);
            log.info("Backend had read {} bytes when the sink blocked at row {}: {} bytes beyond the rows it had delivered", bytesReadAtPause.get(), PAUSE_AT, readAhead);
            assertThat(readAhead).isBetween(0L, MAX_READ_AHEAD + messageOverhead(PAUSE_AT));

            resume.countDown();
            query.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertThat(sink.rowsSeen()).isEqualTo(ROWS);
    }

    /** The bytes of the first {@code rows} rows as {@code [i,"row-i"]}, comma-separated: a lower bound of what must be read. */
    private static long minimumBytesFor(int rows)
    {
        long bytes = 0;
        for (int i = 0; i < rows; i++) {
            int digits = Integer.toString(i).length();
            // [ digits , " row- digits " ]
            bytes += 1 + digits + 1 + 1 + 4 + digits + 1 + 1;
        }
        // The commas between rows; the last row of each DATA message has none.
        return bytes + rows - rows / 1000 - 1;
    }

    /** The START message and the framing of the DATA messages before row {@code rows}. */
    private static long messageOverhead(int rows)
    {
        return 1024 + (rows / 1000 + 1) * 40L;
    }

    private static void awaitQuietly(CountDownLatch latch)
    {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts the bytes the backend reads from Firebolt's answer. */
    private static final class CountingInputStream
            extends FilterInputStream
    {
        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count)
        {
            super(in);
            this.count = count;
        }

        @Override
        public int read()
                throws IOException
        {
            int value = super.read();
            if (value >= 0) {
                count.incrementAndGet();
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count.addAndGet(read);
            }
            return read;
        }
    }
}
