package io.queryflux.core.internal.passthrough;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.io.OutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Acts on the strings the scanner finds on {@link ScanPath}: remembers the captured values and
 * writes each URI either as Trino sent it or as its mapper replaces it.
 */
final class Findings
{
    private final UriMapper nextUriMapper;
    private final UriMapper spooledUriMapper;

    private String nextUri;
    private String queryId;
    private String state;
    private String errorName;
    private String errorType;
    private int spooledUrisRewritten;

    Findings(UriMapper nextUriMapper, UriMapper spooledUriMapper)
    {
        this.nextUriMapper = requireNonNull(nextUriMapper, "nextUriMapper is null");
        this.spooledUriMapper = requireNonNull(spooledUriMapper, "spooledUriMapper is null");
    }

    void captured(int kind, HeldString value)
    {
        if (kind == ScanPath.QUERY_ID) {
            queryId = value.decode();
        }
        else if (kind == ScanPath.STATE) {
            state = value.decode();
        }
        else if (kind == ScanPath.ERROR_NAME) {
            errorName = value.decode();
        }
        else if (kind == ScanPath.ERROR_TYPE) {
            errorType = value.decode();
        }
    }

    /**
     * Writes the URI held in {@code value}, replaced if its mapper says so. Returns {@code false},
     * having written the original bytes, when the value is not a valid JSON string.
     */
    boolean writeUri(int kind, HeldString value, OutputStream out)
            throws IOException
    {
        String original = value.decode();
        if (original == null) {
            value.writeTo(out);
            return false;
        }
        boolean next = kind == ScanPath.NEXT_URI;
        if (next) {
            nextUri = original;
        }
        String replacement = (next ? nextUriMapper : spooledUriMapper).map(original);
        if (replacement == null || replacement.equals(original)) {
            // Unchanged: keep Trino's exact bytes, escapes included
            value.writeTo(out);
            return true;
        }
        out.write('"');
        out.write(JsonStringEncoder.getInstance().quoteAsUTF8(replacement));
        out.write('"');
        if (!next) {
            spooledUrisRewritten++;
        }
        return true;
    }

    RewriteResult result(boolean complete)
    {
        return new RewriteResult(nextUri, queryId, state, errorName, errorType, spooledUrisRewritten, complete);
    }
}
