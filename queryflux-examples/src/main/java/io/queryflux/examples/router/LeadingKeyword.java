package io.queryflux.examples.router;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the keyword a SQL statement starts with, skipping what may come before it: whitespace,
 * line and block comments, and opening parentheses (as in {@code (SELECT 1) UNION (SELECT 2)}).
 */
final class LeadingKeyword
{
    private LeadingKeyword() {}

    /** The first keyword in upper case, or empty when the statement does not start with a word. */
    static Optional<String> of(String sql)
    {
        int position = skipPreamble(sql);
        int end = position;
        while (end < sql.length() && isWordCharacter(sql.charAt(end))) {
            end++;
        }
        if (end == position) {
            return Optional.empty();
        }
        return Optional.of(sql.substring(position, end).toUpperCase(Locale.ROOT));
    }

    private static int skipPreamble(String sql)
    {
        int position = 0;
        while (position < sql.length()) {
            char current = sql.charAt(position);
            if (Character.isWhitespace(current) || current == '(') {
                position++;
            }
            else if (sql.startsWith("--", position)) {
                int newline = sql.indexOf('\n', position);
                position = newline < 0 ? sql.length() : newline + 1;
            }
            else if (sql.startsWith("/*", position)) {
                int close = sql.indexOf("*/", position + 2);
                position = close < 0 ? sql.length() : close + 2;
            }
            else {
                return position;
            }
        }
        return position;
    }

    private static boolean isWordCharacter(char character)
    {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_';
    }
}
