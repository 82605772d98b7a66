package io.queryflux.core.internal.passthrough;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Copies a Trino response body to a client, replacing only the top-level {@code nextUri} and the
 * {@code uri}/{@code ackUri} of spooled segments ({@code data.segments[*]}); every other byte is copied
 * verbatim. Streams in chunks of 64 KiB and holds back nothing but the
 * string being replaced, so memory stays bounded whatever the size of the page.
 *
 * <p>The output is not flushed or closed. Exceptions thrown by a mapper propagate, as does an
 * {@link IOException} for a URI value longer than 64 KiB; in both cases
 * part of the body may already have been written.
 */
public final class NextUriRewriter
{
    private NextUriRewriter() {}

    /**
     * Rewrites the top-level {@code nextUri} and leaves spooled segment URIs as they are.
     */
    public static RewriteResult rewrite(InputStream trinoBody, OutputStream clientBody, UriMapper nextUriMapper)
            throws IOException
    {
        return rewrite(trinoBody, clientBody, nextUriMapper, UriMapper.identity());
    }

    /**
     * Rewrites the top-level {@code nextUri} with {@code nextUriMapper} and each spooled segment's
     * {@code uri} and {@code ackUri} with {@code spooledUriMapper}.
     */
    public static RewriteResult rewrite(InputStream trinoBody, OutputStream clientBody, UriMapper nextUriMapper, UriMapper spooledUriMapper)
            throws IOException
    {
        requireNonNull(trinoBody, "trinoBody is null");
        BodyScanner scanner = new BodyScanner(clientBody, nextUriMapper, spooledUriMapper);
        return scanner.scan(trinoBody);
    }
}
