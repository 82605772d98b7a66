package io.queryflux.core.internal.trino;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A JSON response kept in three parts so that a page of rows is spliced in without being copied:
 * {@code head}, the page's bytes, {@code tail}. Immutable, so the same response can be served again
 * when a client retries a token.
 */
record ResponseBody(byte[] head, Page page, byte[] tail)
{
    static ResponseBody of(byte[] json)
    {
        return new ResponseBody(json, Page.EMPTY, new byte[0]);
    }

    int length()
    {
        return head.length + page.length() + tail.length;
    }

    void writeTo(OutputStream out)
            throws IOException
    {
        out.write(head);
        out.write(page.bytes(), 0, page.length());
        out.write(tail);
    }
}
