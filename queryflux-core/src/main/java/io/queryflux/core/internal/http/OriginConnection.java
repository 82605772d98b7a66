package io.queryflux.core.internal.http;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One keep-alive connection to an origin, with its own read buffer. Used by one request at a time.
 */
final class OriginConnection
{
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private long idleSince;
    private boolean responseStarted;

    private OriginConnection(Socket socket)
            throws IOException
    {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static OriginConnection open(URI origin, int connectTimeoutMillis, SSLSocketFactory tls)
            throws RequestNotSentException
    {
        String host = origin.getHost();
        boolean secure = origin.getScheme().equals("https");
        int port = origin.getPort() >= 0 ? origin.getPort() : secure ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (secure) {
                socket = handshake(tls, socket, host, port);
            }
            return new OriginConnection(socket);
        }
        catch (IOException e) {
            closeQuietly(socket);
            boolean timedOut = e instanceof SocketTimeoutException;
            throw new RequestNotSentException("Cannot connect to " + origin + ": " + (timedOut ? "timed out" : e.getMessage()), timedOut, e);
        }
    }

    private static Socket handshake(SSLSocketFactory tls, Socket plain, String host, int port)
            throws IOException
    {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    void send(byte[] requestBytes, int readTimeoutMillis)
            throws IOException
    {
        responseStarted = false;
        socket.setSoTimeout(readTimeoutMillis);
        out.write(requestBytes);
        out.flush();
    }

    /** Reads a response's status line and headers; interim (1xx) responses are skipped. */
    ResponseHead readHead()
            throws IOException
    {
        int headBytes = 0;
        while (true) {
            String statusLine = readLine(MAX_HEAD_BYTES);
            headBytes += statusLine.length();
            int status = parseStatus(statusLine);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            while (true) {
                String line = readLine(MAX_HEAD_BYTES - headBytes);
                headBytes += line.length() + 2;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    throw new IOException("Malformed response header line: " + line);
                }
                headers.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            }
            if (status >= 200 || status == 101) {
                return new ResponseHead(statusLine.startsWith("HTTP/1.0"), status, headers);
            }
        }
    }

    // Three digits from 100: Integer.parseInt would also take a sign, and "-99" for an interim response.
    private static int parseStatus(String line)
            throws IOException
    {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ' || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new IOException("Malformed response status line: " + line);
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("Malformed response status line: " + line);
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new IOException("Malformed response status line: " + line);
        }
        return status;
    }

    /** A line ending in CRLF (or LF), without it; decoded as Latin-1, like HTTP header bytes. */
    String readLine(int maxBytes)
            throws IOException
    {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit && fill() < 0) {
                throw new EOFException("Connection closed by the origin" + (responseStarted ? " in a response" : " before a response"));
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            if (line.length() >= maxBytes) {
                throw new IOException("Response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            line.append((char) (b & 0xFF));
        }
    }

    /** Whether any byte of the response arrived; a reused connection that fails before is stale. */
    boolean responseStarted()
    {
        return responseStarted;
    }

    int read()
            throws IOException
    {
        if (position == limit && fill() < 0) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    int read(byte[] target, int offset, int length)
            throws IOException
    {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            // A large read goes straight from the socket, without a copy through the buffer.
            if (length >= buffer.length) {
                int count = in.read(target, offset, length);
                responseStarted |= count > 0;
                return count;
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    private int fill()
            throws IOException
    {
        position = 0;
        limit = 0;
        int count = in.read(buffer, 0, buffer.length);
        if (count > 0) {
            limit = count;
            responseStarted = true;
        }
        return count;
    }

    /** Whether response bytes are waiting that no request asked for; such a connection cannot be reused. */
    boolean hasUnreadBytes()
    {
        return position < limit;
    }

    void markIdle(long now)
    {
        idleSince = now;
    }

    long idleSince()
    {
        return idleSince;
    }

    void close()
    {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket)
    {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // the connection is being dropped either way
        }
    }

    record ResponseHead(boolean http10, int status, List<Map.Entry<String, String>> headers)
    {
        String header(String name)
        {
            String found = null;
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    found = found == null ? header.getValue() : found + "," + header.getValue();
                }
            }
            return found;
        }
    }
}
