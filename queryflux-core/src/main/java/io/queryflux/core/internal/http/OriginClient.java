package io.queryflux.core.internal.http;

import javax.net.ssl.SSLSocketFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A blocking HTTP/1.1 client for one origin, keeping idle connections for reuse. A request runs on
 * the calling thread from the first byte written to the last byte of the body read: no selector or
 * hand-off between threads, which is what a proxy relaying many small requests pays for most.
 *
 * <p>An idempotent request that fails on a reused connection before any byte of the response
 * arrived is sent again on a new connection: most likely the origin had closed the idle connection.
 * A POST is never sent twice, as it might have been read (a statement must not run twice); it
 * reuses only a connection that was busy moments ago, which the origin cannot have timed out yet.
 */
public final class OriginClient
        implements AutoCloseable
{
    private static final Set<String> FRAMING_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection", "keep-alive", "expect", "upgrade", "te");
    private static final int MAX_IDLE_CONNECTIONS = 64;
    private static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long UNSAFE_REUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final URI origin;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final LongSupplier ticker;
    private final ArrayDeque<OriginConnection> idle = new ArrayDeque<>();
    private boolean closed;

    private OriginClient(URI origin, Duration connectTimeout, LongSupplier ticker)
    {
        this.origin = origin;
        // Host and port only: an authority may carry user info, which must not reach the origin.
        String host = origin.getHost();
        this.hostHeader = origin.getPort() < 0 ? host : host + ":" + origin.getPort();
        this.connectTimeoutMillis = toMillis(connectTimeout);
        this.ticker = ticker;
    }

    /** A client for {@code origin}, an http or https URI whose path, if any, is ignored. */
    public static OriginClient create(URI origin, Duration connectTimeout)
    {
        return create(origin, connectTimeout, System::nanoTime);
    }

    /** With {@code ticker} in place of {@link System#nanoTime()} to time idle connections: tests step it. */
    static OriginClient create(URI origin, Duration connectTimeout, LongSupplier ticker)
    {
        if (!("http".equals(origin.getScheme()) || "https".equals(origin.getScheme())) || origin.getHost() == null) {
            throw new IllegalArgumentException("Not an http(s) origin: " + origin);
        }
        return new OriginClient(origin, connectTimeout, ticker);
    }

    /**
     * Sends {@code request} and returns once the response's head has arrived; the body streams.
     *
     * @param readTimeout the longest the origin may stay silent while answering
     * @throws RequestNotSentException when no connection could be opened
     */
    public InboundResponse send(OutboundRequest request, Duration readTimeout)
            throws IOException
    {
        byte[] bytes = encode(request);
        while (true) {
            OriginConnection connection = pooled(request.idempotent() ? IDLE_TIMEOUT_NANOS : UNSAFE_REUSE_NANOS);
            boolean reused = connection != null;
            if (!reused) {
                connection = OriginConnection.open(origin, connectTimeoutMillis, tls());
            }
            try {
                connection.send(bytes, toMillis(readTimeout));
                return response(request, connection, connection.readHead());
            }
            catch (IOException e) {
                connection.close();
                if (reused && request.idempotent() && !connection.responseStarted() && !(e instanceof SocketTimeoutException)) {
                    continue;
                }
                throw e;
            }
        }
    }

    private InboundResponse response(OutboundRequest request, OriginConnection connection, OriginConnection.ResponseHead head)
            throws IOException
    {
        int status = head.status();
        String connectionHeader = head.header("Connection");
        boolean keepAlive = !head.http10() && (connectionHeader == null || !connectionHeader.toLowerCase(Locale.ROOT).contains("close"));
        FramedBody body;
        String transferEncoding = head.header("Transfer-Encoding");
        String contentLength = head.header("Content-Length");
        if (!request.expectsBody() || status == 204 || status == 304) {
            body = FramedBody.fixed(connection, 0, keepAlive, this::release);
        }
        else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = FramedBody.chunked(connection, keepAlive, this::release);
        }
        else if (contentLength != null) {
            body = FramedBody.fixed(connection, parseLength(contentLength), keepAlive, this::release);
        }
        else {
            body = FramedBody.untilClose(connection, this::release);
        }
        return new InboundResponse(status, head.headers(), body);
    }

    private static long parseLength(String value)
            throws IOException
    {
        try {
            long length = Long.parseLong(value.strip());
            if (length >= 0) {
                return length;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IOException("Malformed Content-Length in a response: " + value);
    }

    private byte[] encode(OutboundRequest request)
    {
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> header : request.headers()) {
            if (!FRAMING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        byte[] body = request.body();
        if (body.length > 0 || request.method().equals("POST") || request.method().equals("PUT")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return headBytes;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(headBytes.length + body.length);
        bytes.writeBytes(headBytes);
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    /** The most recently used idle connection, if it has been idle for less than {@code maxIdleNanos}. */
    private OriginConnection pooled(long maxIdleNanos)
    {
        long now = ticker.getAsLong();
        synchronized (idle) {
            OriginConnection connection;
            while ((connection = idle.peekFirst()) != null) {
                long idleNanos = now - connection.idleSince();
                if (idleNanos < maxIdleNanos) {
                    return idle.pollFirst();
                }
                if (idleNanos < IDLE_TIMEOUT_NANOS) {
                    return null;
                }
                idle.pollFirst().close();
            }
            return null;
        }
    }

    private void release(OriginConnection connection, boolean reusable)
    {
        if (reusable) {
            connection.markIdle(ticker.getAsLong());
            synchronized (idle) {
                if (!closed && idle.size() < MAX_IDLE_CONNECTIONS) {
                    // Most recently used first: the likeliest to be still open at the origin.
                    idle.addFirst(connection);
                    return;
                }
            }
        }
        connection.close();
    }

    private SSLSocketFactory tls()
    {
        return origin.getScheme().equals("https") ? (SSLSocketFactory) SSLSocketFactory.getDefault() : null;
    }

    private static int toMillis(Duration duration)
    {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    /** Closes the idle connections; requests in flight finish on theirs, which then close. */
    @Override
    public void close()
    {
        synchronized (idle) {
            closed = true;
            idle.forEach(OriginConnection::close);
            idle.clear();
        }
    }
}
