package io.queryflux.core.internal.passthrough;

/**
 * Skips one JSON object, array or string, possibly across many chunks, tracking only string
 * boundaries, escapes and bracket depth. This is the loop that sees nearly every byte of a large page
 * ({@code data}), so it builds nothing and makes no calls. (A SWAR variant reading eight bytes at
 * a time was measured no faster on Trino-like rows, whose tokens are short.)
 */
final class ValueSkipper
{
    static final int NEEDS_MORE = -1;

    private int nesting;
    private boolean inString;
    private boolean pendingEscape;

    /**
     * Starts skipping an object or array whose opening bracket has just been read.
     */
    void beginContainer()
    {
        nesting = 1;
        inString = false;
        pendingEscape = false;
    }

    /**
     * Starts skipping a string whose opening quote has just been read.
     */
    void beginString()
    {
        nesting = 0;
        inString = true;
        pendingEscape = false;
    }

    /**
     * Returns the index just past the value's closing bracket or quote, or {@link #NEEDS_MORE}
     * when the value goes on past {@code end}.
     */
    int skip(byte[] b, int i, int end)
    {
        int depth = nesting;
        boolean quoted = inString;
        if (pendingEscape) {
            // The previous chunk ended with a backslash: this byte is the escaped character
            pendingEscape = false;
            i++;
        }
        while (i < end) {
            if (quoted) {
                while (true) {
                    if (i >= end) {
                        nesting = depth;
                        inString = true;
                        return NEEDS_MORE;
                    }
                    byte c = b[i++];
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i == end) {
                            pendingEscape = true;
                            nesting = depth;
                            inString = true;
                            return NEEDS_MORE;
                        }
                        i++;
                    }
                }
                quoted = false;
                if (depth == 0) {
                    return i;
                }
            }
            else {
                byte c = b[i++];
                // '[' | 0x20 == '{' and ']' | 0x20 == '}'; no other byte folds to either
                int folded = c | 0x20;
                if (c == '"') {
                    quoted = true;
                }
                else if (folded == '{') {
                    depth++;
                }
                else if (folded == '}' && --depth == 0) {
                    return i;
                }
            }
        }
        nesting = depth;
        inString = quoted;
        return NEEDS_MORE;
    }
}
