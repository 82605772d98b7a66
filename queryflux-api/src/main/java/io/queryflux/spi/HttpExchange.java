package io.queryflux.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response, independent of the server that carries it (the Jetty module
 * maps jakarta servlet requests onto it).
 *
 * <p>The response may be written and {@linkplain #complete() completed} from any thread, after
 * {@link Frontend#handle} has returned; this is how a frontend answers a long poll without holding
 * a thread.
 */
public interface HttpExchange
{
    String method();

    /** The path below the mount point, starting with {@code /} (e.g. {@code /v1/statement}), not decoded. */
    String path();

    Optional<String> queryParameter(String name);

    /** The query string as received, not decoded, without the {@code ?}. */
    Optional<String> rawQuery();

    /** The first value of a header, by name in any case. */
    Optional<String> header(String name);

    /** Every value of a header, by name in any case, in the order received. */
    List<String> headers(String name);

    /** All headers, names lowercased. */
    Map<String, List<String>> headers();

    /** Whether the request came over TLS. */
    boolean isSecure();

    /** The client's IP address as the server sees it (a proxy's, behind one), when known. */
    default Optional<String> remoteAddress()
    {
        return Optional.empty();
    }

    /**
     * The URI the client used to reach the mount point, without a trailing slash, e.g.
     * {@code http://localhost:8080} or {@code https://host/sql}.
     */
    String baseUri();

    /** The request body; reading it may block. */
    InputStream requestBody()
            throws IOException;

    void setStatus(int status);

    void setHeader(String name, String value);

    void addHeader(String name, String value);

    /** The response body; writing may block while the client is slow. */
    OutputStream responseBody()
            throws IOException;

    /** Finishes the response. Call it exactly once, from any thread. */
    void complete();

    /**
     * Discards the status, headers and body written so far, if none of it has reached the client
     * yet, so that an error can be answered instead.
     *
     * @return {@code false} when the response is already on its way and cannot be taken back
     */
    default boolean tryReset()
    {
        return false;
    }

    /**
     * Ends the exchange by breaking the connection, so that a response cut short (an engine died
     * mid-page) is not taken for a complete one. Use instead of {@link #complete()}.
     */
    default void abort()
    {
        complete();
    }
}
