package io.queryflux.core.internal.passthrough;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs the rewriter on in-memory bodies for tests.
 */
final class RewriteTesting
{
    static final UriMapper TO_PROXY = uri -> uri.replace("http://coordinator:8080", "http://proxy:9000/c1");
    static final UriMapper SPOOLED_TO_PROXY = uri -> uri.replace("http://coordinator:8080", "http://proxy:9000/spool");

    private RewriteTesting() {}

    /**
     * The output and result of one rewrite.
     */
    record Rewritten(byte[] body, RewriteResult result)
    {
        String text()
        {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Rewritten rewrite(String body)
    {
        return rewrite(utf8(body), TO_PROXY, SPOOLED_TO_PROXY);
    }

    static Rewritten rewrite(byte[] body, UriMapper nextUriMapper, UriMapper spooledUriMapper)
    {
        return rewrite(new ByteArrayInputStream(body), nextUriMapper, spooledUriMapper);
    }

    static Rewritten rewrite(InputStream body, UriMapper nextUriMapper, UriMapper spooledUriMapper)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RewriteResult result = NextUriRewriter.rewrite(body, out, nextUriMapper, spooledUriMapper);
            return new Rewritten(out.toByteArray(), result);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
