package io.queryflux.core.internal.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A scripted HTTP origin on a loopback {@link ServerSocket}: records every raw request with the
 * connection it came on and answers each with the next scripted {@link Answer} (raw bytes, a close,
 * a reset, or silence), or with the fallback once the script is used up.
 */
final class TestingOrigin
        implements Closeable
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    private final ServerSocket server;
    private final Answer fallback;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Answers requests that nothing was scripted for with {@code fallback}. */
    TestingOrigin(Answer fallback)
            throws IOException
    {
        this.fallback = fallback;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        start("testing-origin-accept", this::acceptLoop);
    }

    /** An origin answering every unscripted request 200 with its target as the body. */
    TestingOrigin()
            throws IOException
    {
        this((request, exchange) -> exchange.write(ok(request.target())));
    }

    URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    String authority()
    {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Queues answers for the next requests, whichever connection they come on. */
    TestingOrigin enqueue(Answer... answers)
    {
        script.addAll(List.of(answers));
        return this;
    }

    List<RecordedRequest> requests()
    {
        return List.copyOf(requests);
    }

    RecordedRequest request(int index)
    {
        return requests.get(index);
    }

    List<Connection> connections()
    {
        return List.copyOf(connections);
    }

    Connection connection(int index)
    {
        return connections.get(index);
    }

    int connectionCount()
    {
        return connections.size();
    }

    long connectionsClosedByClient()
    {
        return connections.stream().filter(Connection::closedByClient).count();
    }

    /** A 200 response with a Content-Length body; raw strings go out as Latin-1, one byte a char. */
    static String ok(String body)
    {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static Answer respond(String raw)
    {
        return (request, exchange) -> exchange.write(raw);
    }

    static Answer respond(byte[] raw)
    {
        return (request, exchange) -> exchange.write(raw);
    }

    /** Answers, then closes the connection as an origin whose keep-alive timeout ran out would. */
    static Answer respondThenClose(String raw)
    {
        return (request, exchange) -> {
            exchange.write(raw);
            exchange.close();
        };
    }

    /** Reads the request, then closes the connection without a byte of answer. */
    static Answer closeWithoutAnswer()
    {
        return (request, exchange) -> exchange.close();
    }

    /** Reads the request, then resets the connection (RST) without a byte of answer. */
    static Answer resetWithoutAnswer()
    {
        return (request, exchange) -> exchange.reset();
    }

    /** Reads the request and never answers; the connection stays open until the client drops it. */
    static Answer noAnswer()
    {
        return (request, exchange) -> {};
    }

    interface Answer
    {
        void answer(RecordedRequest request, Exchange exchange)
                throws IOException;
    }

    /** What an answer can do with the connection a request came on. */
    static final class Exchange
    {
        private final Connection connection;

        private Exchange(Connection connection)
        {
            this.connection = connection;
        }

        void write(String raw)
                throws IOException
        {
            write(raw.getBytes(StandardCharsets.ISO_8859_1));
        }

        void write(byte[] raw)
                throws IOException
        {
            OutputStream out = connection.socket.getOutputStream();
            out.write(raw);
            out.flush();
        }

        void close()
                throws IOException
        {
            connection.closedByOrigin = true;
            connection.socket.close();
        }

        void reset()
                throws IOException
        {
            connection.closedByOrigin = true;
            connection.socket.setSoLinger(true, 0);
            connection.socket.close();
        }
    }

    /** A request as read off the wire: request line, headers in order and spelling, body. */
    record RecordedRequest(int connection, String requestLine, List<Map.Entry<String, String>> headers, byte[] body)
    {
        String method()
        {
            return requestLine.substring(0, requestLine.indexOf(' '));
        }

        String target()
        {
            return requestLine.substring(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '));
        }

        List<String> headerValues(String name)
        {
            return headers.stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        Optional<String> header(String name)
        {
            return headerValues(name).stream().findFirst();
        }

        String bodyText()
        {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One accepted connection, numbered in order of arrival. */
    static final class Connection
    {
        private final int index;
        private final Socket socket;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean closedByClient;
        private volatile boolean closedByOrigin;

        private Connection(int index, Socket socket)
        {
            this.index = index;
            this.socket = socket;
        }

        /** Whether the origin read the end of the stream (or a reset) from the client. */
        boolean closedByClient()
        {
            return closedByClient;
        }

        /** Waits until the client closes this connection; fails if it does not. */
        void awaitClosedByClient()
        {
            awaitEnded();
            if (!closedByClient) {
                throw new AssertionError("Connection " + index + " was closed by the origin, not by the client");
            }
        }

        /** Waits until nothing more happens on this connection, whichever side closed it. */
        void awaitEnded()
        {
            try {
                if (!ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("Connection " + index + " still open after " + WAIT);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        boolean isOpen()
        {
            return ended.getCount() > 0;
        }
    }

    /** Waits for {@code condition} with a deadline, failing the test if it never holds. */
    static void awaitTrue(String description, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + description);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private void acceptLoop()
    {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            }
            catch (IOException e) {
                return;
            }
            Connection connection = new Connection(connections.size(), socket);
            connections.add(connection);
            start("testing-origin-connection-" + connection.index, () -> serve(connection));
        }
    }

    private void serve(Connection connection)
    {
        Exchange exchange = new Exchange(connection);
        try (Socket socket = connection.socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (!connection.closedByOrigin) {
                RecordedRequest request = readRequest(connection.index, in);
                if (request == null) {
                    connection.closedByClient = true;
                    return;
                }
                requests.add(request);
                Answer answer = script.poll();
                (answer == null ? fallback : answer).answer(request, exchange);
            }
        }
        catch (IOException e) {
            // A reset by the client, or the origin being closed
            connection.closedByClient = !connection.closedByOrigin && !closed;
        }
        finally {
            connection.ended.countDown();
        }
    }

    /** The next request on the connection, or {@code null} at a clean end of the stream. */
    private static RecordedRequest readRequest(int connection, InputStream in)
            throws IOException
    {
        String requestLine = readLine(in, true);
        if (requestLine == null) {
            return null;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        long contentLength = 0;
        while (true) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            headers.add(Map.entry(name, value));
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                contentLength = Long.parseLong(value);
            }
        }
        byte[] body = in.readNBytes((int) contentLength);
        if (body.length < contentLength) {
            throw new IOException("Request body cut short");
        }
        return new RecordedRequest(connection, requestLine, List.copyOf(headers), body);
    }

    private static String readLine(InputStream in, boolean endAllowed)
            throws IOException
    {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endAllowed && line.size() == 0) {
                    return null;
                }
                throw new IOException("Request cut short");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                if (!text.endsWith("\r")) {
                    throw new IOException("Request line not ended by CRLF: " + text);
                }
                return text.substring(0, text.length() - 1);
            }
            line.write(b);
        }
    }

    private void start(String name, Runnable task)
    {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void close()
            throws IOException
    {
        closed = true;
        server.close();
        for (Connection connection : connections) {
            connection.socket.close();
        }
        for (Thread thread : threads) {
            try {
                thread.join(WAIT.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A GET through {@code client}; the caller reads and closes the response. */
    static InboundResponse get(OriginClient client, String target)
            throws IOException
    {
        return client.send(OutboundRequest.builder("GET", target).build(), TIMEOUT);
    }

    /** A GET through {@code client}, its body read whole as UTF-8. */
    static String getText(OriginClient client, String target)
            throws IOException
    {
        try (InboundResponse response = get(client, target)) {
            return text(response);
        }
    }

    static String text(InboundResponse response)
            throws IOException
    {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }
}
