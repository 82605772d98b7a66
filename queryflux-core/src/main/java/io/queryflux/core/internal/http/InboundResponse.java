package io.queryflux.core.internal.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An origin's response. The body streams from the connection: reading it to the end hands the
 * connection back for reuse; closing it earlier closes the connection.
 */
public final class InboundResponse
        implements Closeable
{
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final InputStream body;

    InboundResponse(int status, List<Map.Entry<String, String>> headers, InputStream body)
    {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    public int status()
    {
        return status;
    }

    /** The headers in the order received, names as the origin spelled them. */
    public List<Map.Entry<String, String>> headers()
    {
        return headers;
    }

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name)
    {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** The body, already de-chunked; a body cut short by the origin ends in an {@link IOException}. */
    public InputStream body()
    {
        return body;
    }

    @Override
    public void close()
            throws IOException
    {
        body.close();
    }
}
