package io.queryflux.core.internal.passthrough;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static io.queryflux.core.internal.passthrough.RewriteTesting.SPOOLED_TO_PROXY;
import static io.queryflux.core.internal.passthrough.RewriteTesting.TO_PROXY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 50 MB page streams through with only the top-level nextUri changed and bounded memory. Neither
 * input nor output is ever held: both sides are generated or digested on the fly.
 */
class LargeBodyTest
{
    private static final long DATA_BYTES = 50L * 1024 * 1024;
    private static final String PROXY_NEXT = TO_PROXY.map(SyntheticTrinoPage.NEXT_URI);

    @Test
    void rewritesOnlyTheNextUriOfALargePageInBoundedMemory()
            throws IOException
    {
        for (boolean nextUriLast : new boolean[] {false, true}) {
            Digest actual = new Digest();
            BodyScanner scanner = new BodyScanner(actual.stream(), TO_PROXY, SPOOLED_TO_PROXY);

            RewriteResult result;
            try (InputStream in = SyntheticTrinoPage.stream(SyntheticTrinoPage.NEXT_URI, DATA_BYTES, nextUriLast)) {
                result = scanner.scan(in);
            }

            Digest expected = new Digest();
            try (InputStream in = SyntheticTrinoPage.stream(PROXY_NEXT, DATA_BYTES, nextUriLast)) {
                in.transferTo(expected.stream());
            }
            assertThat(actual.bytes()).isEqualTo(expected.bytes()).isGreaterThan(DATA_BYTES);
            assertThat(actual.hex()).isEqualTo(expected.hex());
            assertThat(result).isEqualTo(new RewriteResult(SyntheticTrinoPage.NEXT_URI, SyntheticTrinoPage.QUERY_ID, "RUNNING", null, null, 0, true));
            // The chunk buffer plus a small held string: nothing grows with the page
            assertThat(scanner.maxBufferedBytes()).isLessThanOrEqualTo(BodyScanner.CHUNK_SIZE + 1024);
        }
    }

    @Test
    void theSyntheticPageIsValidJsonWithLookAlikes()
            throws IOException
    {
        // Guards the test above: the page must be JSON, and the look-alikes must be in it
        try (InputStream in = SyntheticTrinoPage.stream(SyntheticTrinoPage.NEXT_URI, 1024 * 1024, true)) {
            assertThat(JsonTree.countTokens(in)).isGreaterThan(50_000);
        }
        String small = new String(SyntheticTrinoPage.bytes(SyntheticTrinoPage.NEXT_URI, 1, false), StandardCharsets.UTF_8);
        assertThat(small).contains("\\\"nextUri\\\":", "{\"nextUri\":\"http://coordinator:8080", "\\u0022nextUri\\u0022");
    }

    /**
     * Counts and digests what is written to it.
     */
    private static final class Digest
    {
        private final MessageDigest digest;
        private long bytes;

        Digest()
        {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            }
            catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        OutputStream stream()
        {
            return new DigestOutputStream(OutputStream.nullOutputStream(), digest)
            {
                @Override
                public void write(byte[] buffer, int offset, int length)
                        throws IOException
                {
                    bytes += length;
                    super.write(buffer, offset, length);
                }

                @Override
                public void write(int b)
                        throws IOException
                {
                    bytes++;
                    super.write(b);
                }
            };
        }

        long bytes()
        {
            return bytes;
        }

        String hex()
        {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
