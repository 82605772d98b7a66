package io.queryflux.core.internal.trino;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A JSON response kept in three parts so that a page of rows is spliced in without being copied:
 * {@code head}, the page's chunks, {@code tail}. Immutable, so the same response can be served again
 * when a client retries a token, headers included.
 */
record ResponseBody(byte[] head, Page page, byte[] tail, List<Map.Entry<String, String>> headers)
{
    ResponseBody
    {
        headers = List.copyOf(headers);
    }

    ResponseBody(byte[] head, Page page, byte[] tail)
    {
        this(head, page, tail, List.of());
    }

    static ResponseBody of(byte[] json)
    {
        return new ResponseBody(json, Page.EMPTY, new byte[0]);
    }

    /** The same body, sent with these response headers. */
    ResponseBody withHeaders(List<Map.Entry<String, String>> responseHeaders)
    {
        return new ResponseBody(head, page, tail, responseHeaders);
    }

    int length()
    {
        return head.length + page.length() + tail.length;
    }

    void writeTo(OutputStream out)
            throws IOException
    {
        out.write(head);
        page.writeTo(out);
        out.write(tail);
    }
}
