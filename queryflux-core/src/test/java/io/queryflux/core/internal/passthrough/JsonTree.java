package io.queryflux.core.internal.passthrough;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON with jackson-core into maps, lists, strings, {@link Number}s (kept as their text),
 * booleans and nulls, so that two documents can be compared by value.
 */
final class JsonTree
{
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * A JSON number, compared by its text.
     */
    record Number(String text) {}

    private JsonTree() {}

    static Object parse(byte[] json)
    {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new IOException("Trailing content after the root value");
            }
            return value;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * Reads a whole document token by token without keeping it, to check that it is valid JSON.
     */
    static long countTokens(InputStream json)
            throws IOException
    {
        long tokens = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(byte[] json)
    {
        return (Map<String, Object>) parse(json);
    }

    private static Object read(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, read(parser));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Number(parser.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("Unexpected token " + token);
        }
    }
}
