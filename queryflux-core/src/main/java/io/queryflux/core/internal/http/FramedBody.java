package io.queryflux.core.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body as framed on the connection: a fixed length, chunks, or everything until the
 * origin closes. Hands the connection back once, when the body ends or is abandoned.
 */
final class FramedBody
        extends InputStream
{
    private static final int MAX_CHUNK_LINE = 1024;

    interface Release
    {
        /** @param reusable whether the connection is positioned at the next response and may serve another request */
        void release(OriginConnection connection, boolean reusable);
    }

    enum Framing { FIXED, CHUNKED, UNTIL_CLOSE }

    private final OriginConnection connection;
    private final Framing framing;
    private final boolean keepAlive;
    private final Release release;
    private long remaining;
    private boolean inChunk;
    private boolean ended;
    private boolean released;

    private FramedBody(OriginConnection connection, Framing framing, long length, boolean keepAlive, Release release)
    {
        this.connection = connection;
        this.framing = framing;
        this.remaining = length;
        this.keepAlive = keepAlive && framing != Framing.UNTIL_CLOSE;
        this.release = release;
    }

    static FramedBody fixed(OriginConnection connection, long length, boolean keepAlive, Release release)
    {
        FramedBody body = new FramedBody(connection, Framing.FIXED, length, keepAlive, release);
        if (length == 0) {
            body.end();
        }
        return body;
    }

    static FramedBody chunked(OriginConnection connection, boolean keepAlive, Release release)
    {
        return new FramedBody(connection, Framing.CHUNKED, 0, keepAlive, release);
    }

    static FramedBody untilClose(OriginConnection connection, Release release)
    {
        return new FramedBody(connection, Framing.UNTIL_CLOSE, Long.MAX_VALUE, false, release);
    }

    @Override
    public int read()
            throws IOException
    {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length)
            throws IOException
    {
        if (ended) {
            return -1;
        }
        if (released) {
            // Failed or closed before its end: an end of stream now would make a cut body look whole.
            throw new IOException("The response body failed or was closed before its end");
        }
        if (length == 0) {
            return 0;
        }
        try {
            if (framing == Framing.CHUNKED && remaining == 0 && !nextChunk()) {
                return -1;
            }
            int count = connection.read(target, offset, (int) Math.min(length, remaining));
            if (count < 0) {
                if (framing == Framing.UNTIL_CLOSE) {
                    end();
                    return -1;
                }
                throw new EOFException("The origin closed the connection before the end of the response body");
            }
            remaining -= count;
            if (remaining == 0 && framing == Framing.FIXED) {
                end();
            }
            return count;
        }
        catch (IOException e) {
            abandon();
            throw e;
        }
    }

    /** Moves to the next chunk; {@code false} at the last (empty) chunk, whose trailers are skipped. */
    private boolean nextChunk()
            throws IOException
    {
        if (inChunk && !connection.readLine(MAX_CHUNK_LINE).isEmpty()) {
            throw new IOException("Malformed chunked response body: no line break after a chunk");
        }
        inChunk = true;
        String line = connection.readLine(MAX_CHUNK_LINE);
        int extension = line.indexOf(';');
        String size = (extension < 0 ? line : line.substring(0, extension)).strip();
        remaining = parseChunkSize(size, line);
        if (remaining == 0) {
            while (!connection.readLine(MAX_CHUNK_LINE).isEmpty()) {
                // trailers: nothing here uses them
            }
            end();
            return false;
        }
        return true;
    }

    // Hex digits only: Long.parseLong would also take a sign, and "-0" for the last chunk.
    private static long parseChunkSize(String size, String line)
            throws IOException
    {
        boolean hex = !size.isEmpty() && size.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
        try {
            if (hex) {
                return Long.parseLong(size, 16);
            }
        }
        catch (NumberFormatException e) {
            // too large: reported below
        }
        throw new IOException("Malformed chunk size in a response body: " + line);
    }

    @Override
    public int available()
    {
        return 0;
    }

    /** Closing before the end drops the connection: draining an unknown rest could take long. */
    @Override
    public void close()
    {
        abandon();
    }

    private void end()
    {
        ended = true;
        if (!released) {
            released = true;
            release.release(connection, keepAlive && !connection.hasUnreadBytes());
        }
    }

    private void abandon()
    {
        if (!released) {
            released = true;
            release.release(connection, false);
        }
    }
}
