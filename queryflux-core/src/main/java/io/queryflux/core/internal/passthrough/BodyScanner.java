package io.queryflux.core.internal.passthrough;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Copies one response body chunk by chunk while following its JSON structure just enough to find
 * the values on {@link ScanPath}. Values off the path are skipped by a tight loop that only tracks
 * string boundaries and bracket depth. Bytes are written in bulk as soon as they are scanned,
 * except for a URI string that may be replaced, which is held until its closing quote.
 * Not thread safe; one instance per body.
 */
final class BodyScanner
{
    static final int CHUNK_SIZE = 64 * 1024;
    // Most pages are small (a QUEUED page is under 1 KiB): start small, grow once a read fills it.
    private static final int FIRST_CHUNK_SIZE = 8 * 1024;
    static final int MAX_URI_BYTES = 64 * 1024;
    private static final int MAX_CAPTURED_BYTES = 1024;
    private static final int MAX_KEY_BYTES = 64;

    // What the scanner is in the middle of
    private static final int STRUCTURE = 0;
    private static final int STRING = 1;
    private static final int SKIP = 2;
    private static final int COPY = 3;

    // Where it is inside the innermost followed container, or before the root
    private static final int BEFORE_ROOT = 0;
    private static final int KEY_OR_END = 1;
    private static final int KEY = 2;
    private static final int COLON = 3;
    private static final int VALUE_OR_END = 4;
    private static final int VALUE = 5;
    private static final int COMMA_OR_END = 6;
    private static final int IN_SCALAR = 7;

    private final OutputStream out;
    private final Findings findings;
    private byte[] buffer = new byte[FIRST_CHUNK_SIZE];
    private final HeldString held = new HeldString();
    private final ValueSkipper skipper = new ValueSkipper();
    // ScanPath nests at most four followed containers (root.data.segments[i])
    private final int[] containers = new int[4];
    private int depth;

    private int mode = STRUCTURE;
    private int position = BEFORE_ROOT;
    private int key;
    private int stringKind;
    private int stringStart;
    private int copyStart;
    private boolean holding;
    private int maxHeldCapacity;

    private boolean complete;

    BodyScanner(OutputStream out, UriMapper nextUriMapper, UriMapper spooledUriMapper)
    {
        this.out = requireNonNull(out, "out is null");
        this.findings = new Findings(nextUriMapper, spooledUriMapper);
    }

    RewriteResult scan(InputStream in)
            throws IOException
    {
        int length;
        while ((length = fill(in)) > 0) {
            scanChunk(length);
            // Nothing points into the buffer between chunks, so it can be replaced.
            if (length == buffer.length && buffer.length < CHUNK_SIZE) {
                buffer = new byte[CHUNK_SIZE];
            }
        }
        if (holding) {
            // The body ended inside a URI: give the client what Trino sent
            held.writeTo(out);
            holding = false;
        }
        return findings.result(complete);
    }

    /**
     * Reads until the buffer is full or the body ends. A Trino page arrives as fast as the network
     * brings it, so waiting for a full buffer costs nothing, and writing the client fewer, larger
     * pieces saves a system call and the container's bookkeeping per piece.
     */
    private int fill(InputStream in)
            throws IOException
    {
        int length = 0;
        while (length < buffer.length) {
            int count = in.read(buffer, length, buffer.length - length);
            if (count < 0) {
                break;
            }
            length += count;
        }
        return length;
    }

    /**
     * The most memory the scanner held for one body: its chunk buffer and the largest held string.
     */
    int maxBufferedBytes()
    {
        return buffer.length + Math.max(maxHeldCapacity, held.capacity());
    }

    private void scanChunk(int end)
            throws IOException
    {
        copyStart = 0;
        stringStart = 0;
        int i = 0;
        while (i < end) {
            switch (mode) {
                case SKIP -> i = skip(i, end);
                case STRING -> i = string(i, end);
                case STRUCTURE -> i = structure(i, end);
                default -> i = end;
            }
        }
        if (mode == STRING && stringKind != ScanPath.PLAIN) {
            hold(stringStart, end);
        }
        if (!holding) {
            out.write(buffer, copyStart, end - copyStart);
        }
    }

    private int structure(int i, int end)
            throws IOException
    {
        byte[] b = buffer;
        for (; i < end; i++) {
            byte c = b[i];
            if (position == IN_SCALAR) {
                // A number or literal ends at the first delimiter, which is then read as such
                if (c != ',' && c != '}' && c != ']' && !isWhitespace(c)) {
                    continue;
                }
                position = COMMA_OR_END;
            }
            if (isWhitespace(c)) {
                continue;
            }
            switch (position) {
                case BEFORE_ROOT -> {
                    if (c != '{') {
                        // Not a JSON object (e.g. a plain-text error page): copy it as it is
                        return malformed(end);
                    }
                    push(ScanPath.ROOT);
                }
                case KEY_OR_END, KEY -> {
                    if (c == '}' && position == KEY_OR_END) {
                        pop();
                    }
                    else if (c == '"') {
                        beginString(i, ScanPath.KEY);
                        return i + 1;
                    }
                    else {
                        return malformed(end);
                    }
                }
                case COLON -> {
                    if (c != ':') {
                        return malformed(end);
                    }
                    position = VALUE;
                }
                case VALUE_OR_END, VALUE -> {
                    if (c == ']' && position == VALUE_OR_END) {
                        pop();
                    }
                    else {
                        return value(i, end, c);
                    }
                }
                default -> {
                    boolean array = ScanPath.isArray(containers[depth - 1]);
                    if (c == ',') {
                        position = array ? VALUE : KEY;
                    }
                    else if (c == (array ? ']' : '}')) {
                        pop();
                    }
                    else {
                        return malformed(end);
                    }
                }
            }
            if (mode != STRUCTURE) {
                return i + 1;
            }
        }
        return i;
    }

    private int value(int i, int end, byte c)
            throws IOException
    {
        int container = containers[depth - 1];
        if (c == '"') {
            beginString(i, ScanPath.stringValue(container, key));
        }
        else if (c == '{' || c == '[') {
            int child = c == '{' ? ScanPath.objectValue(container, key) : ScanPath.arrayValue(container, key);
            if (child == ScanPath.SKIP) {
                mode = SKIP;
                skipper.beginContainer();
            }
            else {
                push(child);
            }
        }
        else if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
            position = IN_SCALAR;
        }
        else {
            return malformed(end);
        }
        return i + 1;
    }

    private void beginString(int quote, int kind)
            throws IOException
    {
        mode = STRING;
        skipper.beginString();
        stringKind = kind;
        stringStart = quote;
        switch (kind) {
            case ScanPath.PLAIN -> {
                return;
            }
            case ScanPath.KEY -> held.reset(MAX_KEY_BYTES);
            case ScanPath.NEXT_URI, ScanPath.SPOOLED_URI -> {
                held.reset(MAX_URI_BYTES);
                // Write what precedes the URI, hold the URI itself until it is complete
                out.write(buffer, copyStart, quote - copyStart);
                copyStart = quote;
                holding = true;
            }
            default -> held.reset(MAX_CAPTURED_BYTES);
        }
    }

    private int string(int i, int end)
            throws IOException
    {
        int after = skipper.skip(buffer, i, end);
        if (after == ValueSkipper.NEEDS_MORE) {
            return end;
        }
        endString(after);
        return after;
    }

    private void endString(int after)
            throws IOException
    {
        mode = STRUCTURE;
        position = COMMA_OR_END;
        if (stringKind == ScanPath.PLAIN) {
            return;
        }
        hold(stringStart, after);
        switch (stringKind) {
            case ScanPath.KEY -> {
                key = held.keyCode();
                position = COLON;
            }
            case ScanPath.QUERY_ID, ScanPath.STATE, ScanPath.ERROR_NAME, ScanPath.ERROR_TYPE -> findings.captured(stringKind, held);
            default -> replace(after);
        }
    }

    private void replace(int after)
            throws IOException
    {
        holding = false;
        copyStart = after;
        if (!findings.writeUri(stringKind, held, out)) {
            malformed(after);
        }
    }

    private void hold(int from, int to)
            throws IOException
    {
        held.append(buffer, from, to);
        maxHeldCapacity = Math.max(maxHeldCapacity, held.capacity());
        if (holding && held.overflowed()) {
            throw new IOException("Trino response has a URI value longer than " + MAX_URI_BYTES + " bytes");
        }
    }

    private int skip(int i, int end)
    {
        int after = skipper.skip(buffer, i, end);
        if (after == ValueSkipper.NEEDS_MORE) {
            return end;
        }
        mode = STRUCTURE;
        position = COMMA_OR_END;
        return after;
    }

    private void push(int container)
    {
        containers[depth++] = container;
        position = ScanPath.isArray(container) ? VALUE_OR_END : KEY_OR_END;
    }

    private void pop()
    {
        depth--;
        if (depth == 0) {
            // Whatever follows the root object is copied as it is
            mode = COPY;
            complete = true;
        }
        else {
            position = COMMA_OR_END;
        }
    }

    private int malformed(int end)
    {
        mode = COPY;
        return end;
    }

    private static boolean isWhitespace(byte c)
    {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
