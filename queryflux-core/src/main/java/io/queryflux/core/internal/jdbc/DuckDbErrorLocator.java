package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorLocation;

import java.util.Optional;

/**
 * Finds where in the SQL text a DuckDB error points. DuckDB appends the failing line (at most about
 * 40 display columns either side of the error, cut with {@code ...}) and a caret line:
 * <pre>
 * LINE 1: SELECT nope FROM t
 *                ^
 * </pre>
 * The caret counts display widths (a tab counts 0), so the column is recovered by finding the
 * excerpt in the original line and walking it. Whenever the excerpt does not match the original
 * text unambiguously, or a character of uncertain width comes first, there is no location: a
 * missing caret is better than a wrong one.
 */
final class DuckDbErrorLocator
{
    private static final String LINE_MARKER = "\nLINE ";
    private static final String ELLIPSIS = "...";

    private DuckDbErrorLocator() {}

    static Optional<ErrorLocation> locate(String message, String sql)
    {
        int marker = message.lastIndexOf(LINE_MARKER);
        // DuckDB counts \r as a line break too; rather than guess how a client counts, give no location.
        if (marker < 0 || sql.indexOf('\r') >= 0 || hasSeveralStatements(sql)) {
            return Optional.empty();
        }
        int headerStart = marker + 1;
        int colon = message.indexOf(": ", headerStart);
        int excerptEnd = message.indexOf('\n', headerStart);
        if (colon < 0 || excerptEnd < 0 || colon > excerptEnd) {
            return Optional.empty();
        }
        int lineNumber = parsePositive(message.substring(headerStart + LINE_MARKER.length() - 1, colon));
        int excerptStart = colon + 2;
        int caretEnd = message.indexOf('\n', excerptEnd + 1);
        String caretLine = message.substring(excerptEnd + 1, caretEnd < 0 ? message.length() : caretEnd);
        int caret = caretLine.indexOf('^');
        if (lineNumber < 1 || caret < 0 || !caretLine.substring(0, caret).isBlank() || !caretLine.substring(caret + 1).isBlank()) {
            return Optional.empty();
        }
        String[] lines = sql.split("\n", -1);
        if (lineNumber > lines.length) {
            return Optional.empty();
        }
        String excerpt = message.substring(excerptStart, excerptEnd);
        int width = caret - (excerptStart - headerStart);
        return column(lines[lineNumber - 1], excerpt, width).map(column -> new ErrorLocation(lineNumber, column));
    }

    /** The message without DuckDB's excerpt and caret lines, for when the location is reported separately. */
    static String withoutExcerpt(String message)
    {
        int marker = message.lastIndexOf(LINE_MARKER);
        return marker < 0 ? message : message.substring(0, marker).stripTrailing();
    }

    /**
     * DuckDB formats the error of a later statement with its offset in the whole text but the line of
     * the statement alone, which puts the caret in the wrong place. A {@code ;} before the end (even
     * one inside a string literal) is taken as a sign of several statements.
     */
    private static boolean hasSeveralStatements(String sql)
    {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.lastIndexOf(';', end - 1) >= 0;
    }

    private static Optional<Integer> column(String line, String excerpt, int width)
    {
        boolean cutAtStart = excerpt.startsWith(ELLIPSIS);
        String shown = cutAtStart ? excerpt.substring(ELLIPSIS.length()) : excerpt;
        int shownWidth = cutAtStart ? width - ELLIPSIS.length() : width;
        int start = start(line, shown, cutAtStart, false);
        if (start < 0 && shown.endsWith(ELLIPSIS)) {
            start = start(line, shown.substring(0, shown.length() - ELLIPSIS.length()), cutAtStart, true);
        }
        if (start < 0 || shownWidth < 0) {
            return Optional.empty();
        }
        int position = start;
        int remaining = shownWidth;
        while (remaining > 0) {
            if (position >= line.length()) {
                return Optional.empty();
            }
            int charWidth = displayWidth(line.charAt(position++));
            if (charWidth < 0) {
                return Optional.empty();
            }
            remaining -= charWidth;
        }
        // A token never starts with a zero-width tab; the caret of a tab and of what follows look the same.
        while (position < line.length() && line.charAt(position) == '\t') {
            position++;
        }
        if (remaining != 0 || position >= line.length()) {
            return Optional.empty();
        }
        return Optional.of(position + 1);
    }

    /**
     * Where the shown part of the line starts in the original line, or -1 when it is not there
     * exactly once. An uncut side must coincide with that end of the line.
     */
    private static int start(String line, String shown, boolean cutAtStart, boolean cutAtEnd)
    {
        if (shown.isEmpty() || shown.length() > line.length()) {
            return -1;
        }
        if (!cutAtStart) {
            boolean matches = cutAtEnd ? line.startsWith(shown) && line.length() > shown.length() : line.equals(shown);
            return matches ? 0 : -1;
        }
        if (!cutAtEnd) {
            return line.endsWith(shown) && line.length() > shown.length() ? line.length() - shown.length() : -1;
        }
        int found = line.indexOf(shown, 1);
        boolean unique = found > 0 && found + shown.length() < line.length() && line.indexOf(shown, found + 1) < 0;
        return unique ? found : -1;
    }

    /** The width DuckDB renders {@code c} with, or -1 when unsure (wide, combining or control characters). */
    private static int displayWidth(char c)
    {
        if (c == '\t') {
            return 0;
        }
        if ((c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0x300 && c != 0xAD)) {
            return 1;
        }
        return -1;
    }

    private static int parsePositive(String digits)
    {
        if (digits.isEmpty() || digits.length() > 9) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(digits);
    }
}
