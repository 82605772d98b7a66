package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ErrorLocation;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns Firebolt's error {@code location} into Trino's line and column (both 1-based).
 *
 * <p>Firebolt documents the fields ({@code failing_line}, {@code start_offset}, {@code end_offset})
 * but not their origin. QueryFlux reads them as a C++ parser reports them: {@code failing_line} counts
 * from 1, and {@code start_offset} is a 0-based offset into the whole statement text, with
 * {@code end_offset} just past the failing text. Because a whole-text offset determines the line, the
 * line it falls on must equal {@code failing_line}; a location that disagrees (as an offset relative to
 * the line would, past line 1) is dropped rather than shown in the wrong place. It is also dropped when
 * the text before the offset is not plain ASCII (byte and character offsets then differ, and Firebolt
 * does not say which it counts), when the offsets fall outside the text, and when Firebolt ran other
 * text than the client sent (a rewritten {@code START TRANSACTION}).
 */
final class FireboltErrorLocator
{
    private FireboltErrorLocator() {}

    static Optional<ErrorLocation> locate(FireboltError.Location location, FireboltStatement statement)
    {
        if (location == null || statement.rewritten()) {
            return Optional.empty();
        }
        String sql = statement.sql();
        int start = location.startOffset();
        int end = location.endOffset();
        if (location.failingLine() < 1 || start < 0 || start > sql.length() || (end >= 0 && (end < start || end > utf8Length(sql)))) {
            return Optional.empty();
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < start; i++) {
            char c = sql.charAt(i);
            if (c > 0x7F) {
                return Optional.empty();
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        if (line != location.failingLine()) {
            return Optional.empty();
        }
        return Optional.of(new ErrorLocation(line, start - lineStart + 1));
    }

    private static int utf8Length(String sql)
    {
        return sql.getBytes(StandardCharsets.UTF_8).length;
    }
}
