package io.queryflux.core.internal.passthrough;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The raw bytes of one JSON string token, quotes included, that the scanner needs to read: a key on
 * the followed path, a captured value, or a URI it may replace. Grows up to a limit, then only
 * remembers that it overflowed.
 */
final class HeldString
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final int INITIAL_CAPACITY = 256;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;
    private int limit;
    private boolean overflowed;

    void reset(int limit)
    {
        this.size = 0;
        this.limit = limit;
        this.overflowed = false;
    }

    void append(byte[] source, int from, int to)
    {
        int length = to - from;
        if (overflowed || length == 0) {
            return;
        }
        if (size + length > limit) {
            overflowed = true;
            return;
        }
        if (size + length > bytes.length) {
            byte[] larger = new byte[Math.min(limit, Math.max(bytes.length * 2, size + length))];
            System.arraycopy(bytes, 0, larger, 0, size);
            bytes = larger;
        }
        System.arraycopy(source, from, bytes, size, length);
        size += length;
    }

    boolean overflowed()
    {
        return overflowed;
    }

    int capacity()
    {
        return bytes.length;
    }

    /**
     * The {@link ScanPath} key this string names.
     */
    int keyCode()
    {
        if (overflowed) {
            return ScanPath.OTHER_KEY;
        }
        if (!hasEscape()) {
            return ScanPath.key(bytes, 1, size - 1);
        }
        String name = decode();
        return name == null ? ScanPath.OTHER_KEY : ScanPath.key(name);
    }

    /**
     * The string's value, or {@code null} if it overflowed or is not a valid JSON string.
     */
    String decode()
    {
        if (overflowed || size < 2) {
            return null;
        }
        if (!hasEscape()) {
            return new String(bytes, 1, size - 2, StandardCharsets.UTF_8);
        }
        // Escapes are rare (Trino does not write them in URIs); let jackson decode and validate them
        try (JsonParser parser = JSON.createParser(bytes, 0, size)) {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String value = parser.getText();
            return parser.nextToken() == null ? value : null;
        }
        catch (IOException e) {
            return null;
        }
    }

    void writeTo(OutputStream out)
            throws IOException
    {
        out.write(bytes, 0, size);
    }

    private boolean hasEscape()
    {
        for (int i = 1; i < size - 1; i++) {
            if (bytes[i] == '\\') {
                return true;
            }
        }
        return false;
    }
}
