package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of Firebolt's {@code errors}: {@code code}, {@code name}, {@code severity} (ERROR,
 * WARNING), {@code source} ("User Error", "System Error", ...), {@code description},
 * {@code resolution}, {@code helpLink} and {@code location}. Any field may be missing.
 */
record FireboltError(String code, String name, String severity, String source, String description, String resolution, Location location)
{
    // A body may carry a long list; the first ones say what went wrong.
    private static final int MAX_ERRORS = 20;

    /**
     * Where Firebolt found the error: {@code failing_line} and the {@code start_offset} and
     * {@code end_offset} of the failing text; {@code -1} when absent.
     */
    record Location(int failingLine, int startOffset, int endOffset) {}

    boolean isWarning()
    {
        return "WARNING".equalsIgnoreCase(severity);
    }

    /** Reads {@code errors} at the parser's current token: an array of error objects, one object, or null. */
    static List<FireboltError> readAll(JsonParser parser)
            throws IOException
    {
        List<FireboltError> errors = new ArrayList<>();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            errors.add(read(parser));
        }
        else if (token == JsonToken.START_ARRAY) {
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.START_OBJECT && errors.size() < MAX_ERRORS) {
                    errors.add(read(parser));
                }
                else if (token == JsonToken.VALUE_STRING && errors.size() < MAX_ERRORS) {
                    errors.add(described(parser.getText()));
                }
                else {
                    parser.skipChildren();
                }
            }
        }
        else if (token == JsonToken.VALUE_STRING) {
            errors.add(described(parser.getText()));
        }
        else {
            parser.skipChildren();
        }
        return errors;
    }

    /** An error known only by its text, e.g. a plain-text error body. */
    static FireboltError described(String description)
    {
        return new FireboltError(null, null, null, null, description, null, null);
    }

    private static FireboltError read(JsonParser parser)
            throws IOException
    {
        String code = null;
        String name = null;
        String severity = null;
        String source = null;
        String description = null;
        String resolution = null;
        Location location = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "code" -> code = scalar(parser);
                case "name" -> name = scalar(parser);
                case "severity" -> severity = scalar(parser);
                case "source" -> source = scalar(parser);
                case "description" -> description = scalar(parser);
                case "resolution" -> resolution = scalar(parser);
                case "location" -> location = value == JsonToken.START_OBJECT ? location(parser) : skip(parser);
                default -> parser.skipChildren();
            }
        }
        return new FireboltError(code, name, severity, source, description, resolution, location);
    }

    private static Location location(JsonParser parser)
            throws IOException
    {
        int failingLine = -1;
        int startOffset = -1;
        int endOffset = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            int value = parser.currentToken() == JsonToken.VALUE_NUMBER_INT ? parser.getValueAsInt(-1) : -1;
            switch (field) {
                case "failing_line" -> failingLine = value;
                case "start_offset" -> startOffset = value;
                case "end_offset" -> endOffset = value;
                default -> parser.skipChildren();
            }
        }
        return new Location(failingLine, startOffset, endOffset);
    }

    private static String scalar(JsonParser parser)
            throws IOException
    {
        if (parser.currentToken().isScalarValue()) {
            return parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private static Location skip(JsonParser parser)
            throws IOException
    {
        parser.skipChildren();
        return null;
    }
}
