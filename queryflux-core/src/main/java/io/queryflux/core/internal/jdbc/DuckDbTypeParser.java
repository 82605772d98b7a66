package io.queryflux.core.internal.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses DuckDB type strings such as {@code DECIMAL(10,2)}, {@code INTEGER[3][]},
 * {@code MAP(VARCHAR, INTEGER[])} or {@code STRUCT("a b" INTEGER, c ENUM('x', 'y'))}.
 */
final class DuckDbTypeParser
{
    private static final String WITH_TIME_ZONE = " WITH TIME ZONE";

    private final String text;
    private int position;

    private DuckDbTypeParser(String text)
    {
        this.text = text;
    }

    /** The parsed type, or empty when the text is not a type this parser understands. */
    static Optional<DuckDbType> parse(String text)
    {
        if (text == null) {
            return Optional.empty();
        }
        DuckDbTypeParser parser = new DuckDbTypeParser(text);
        try {
            DuckDbType type = parser.type();
            parser.skipSpaces();
            return parser.position == text.length() ? Optional.of(type) : Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private DuckDbType type()
    {
        skipSpaces();
        String name = identifier();
        if ((name.equals("TIMESTAMP") || name.equals("TIME")) && text.startsWith(WITH_TIME_ZONE, position)) {
            position += WITH_TIME_ZONE.length();
            name += WITH_TIME_ZONE;
        }
        DuckDbType type = switch (name) {
            case "STRUCT", "UNION" -> new DuckDbType(name, List.of(), namedFields());
            case "MAP" -> map();
            default -> new DuckDbType(name, arguments(), List.of());
        };
        // Suffixes wrap from the inside out: INTEGER[2][] is a list of two-element arrays.
        while (position < text.length() && text.charAt(position) == '[') {
            position++;
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            String size = text.substring(start, position);
            expect(']');
            List<DuckDbType.Field> element = List.of(new DuckDbType.Field(null, type));
            type = size.isEmpty()
                    ? new DuckDbType(DuckDbType.LIST, List.of(), element)
                    : new DuckDbType(DuckDbType.ARRAY, List.of(size), element);
        }
        return type;
    }

    private DuckDbType map()
    {
        expect('(');
        DuckDbType key = type();
        skipSpaces();
        expect(',');
        DuckDbType value = type();
        skipSpaces();
        expect(')');
        return new DuckDbType("MAP", List.of(), List.of(new DuckDbType.Field(null, key), new DuckDbType.Field(null, value)));
    }

    private List<DuckDbType.Field> namedFields()
    {
        expect('(');
        List<DuckDbType.Field> fields = new ArrayList<>();
        do {
            skipSpaces();
            String name = identifier();
            fields.add(new DuckDbType.Field(name, type()));
            skipSpaces();
        }
        while (consume(','));
        expect(')');
        return fields;
    }

    /** Plain arguments in parentheses: numbers, words or quoted strings (returned unquoted). */
    private List<String> arguments()
    {
        if (!consume('(')) {
            return List.of();
        }
        List<String> arguments = new ArrayList<>();
        do {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == '\'') {
                arguments.add(quoted('\''));
            }
            else {
                int start = position;
                while (position < text.length() && text.charAt(position) != ',' && text.charAt(position) != ')') {
                    position++;
                }
                arguments.add(text.substring(start, position).trim());
            }
            skipSpaces();
        }
        while (consume(','));
        expect(')');
        return arguments;
    }

    /** A word of letters, digits and underscores, or a double-quoted name. */
    private String identifier()
    {
        if (position < text.length() && text.charAt(position) == '"') {
            return quoted('"');
        }
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            position++;
        }
        if (start == position) {
            throw new IllegalArgumentException("expected a name at " + position);
        }
        return text.substring(start, position);
    }

    /** A string in {@code quote}s where a doubled quote stands for itself. */
    private String quoted(char quote)
    {
        expect(quote);
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new IllegalArgumentException("unterminated quote");
            }
            char c = text.charAt(position++);
            if (c != quote) {
                value.append(c);
            }
            else if (position < text.length() && text.charAt(position) == quote) {
                value.append(quote);
                position++;
            }
            else {
                return value.toString();
            }
        }
    }

    private void skipSpaces()
    {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private boolean consume(char c)
    {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c)
    {
        if (!consume(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + position);
        }
    }
}
