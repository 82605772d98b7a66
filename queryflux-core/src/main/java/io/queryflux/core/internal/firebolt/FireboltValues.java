package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Readers of Firebolt's JSON values into the Java forms of {@link io.queryflux.spi.TrinoType}. Firebolt
 * writes some values as strings: a bigint may be a string (beyond JavaScript's exact integers), a float
 * may be {@code inf}, {@code -inf}, {@code nan} or {@code -nan}, bytea is {@code \x} and hex digits.
 * A value in no known form throws {@link IllegalArgumentException}.
 */
final class FireboltValues
{
    private FireboltValues() {}

    static Object integer(JsonParser parser)
            throws IOException
    {
        return parser.currentToken() == JsonToken.VALUE_STRING ? Integer.valueOf(parser.getText().strip()) : parser.getIntValue();
    }

    static Object bigint(JsonParser parser)
            throws IOException
    {
        return parser.currentToken() == JsonToken.VALUE_STRING ? Long.valueOf(parser.getText().strip()) : parser.getLongValue();
    }

    static Object real(JsonParser parser)
            throws IOException
    {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return (float) special(parser.getText());
        }
        return parser.getFloatValue();
    }

    static Object doubleValue(JsonParser parser)
            throws IOException
    {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return special(parser.getText());
        }
        return parser.getDoubleValue();
    }

    static Object bool(JsonParser parser)
            throws IOException
    {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_INT -> parser.getLongValue() != 0;
            case VALUE_STRING -> switch (parser.getText().strip().toLowerCase(Locale.ROOT)) {
                case "true", "t", "1" -> true;
                case "false", "f", "0" -> false;
                default -> throw new IllegalArgumentException("not a boolean: '" + parser.getText() + "'");
            };
            default -> throw new IllegalArgumentException("not a boolean: " + parser.currentToken());
        };
    }

    /** Any value as text: strings as they are, numbers as written, arrays and objects as JSON. */
    static Object text(JsonParser parser)
            throws IOException
    {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            StringWriter json = new StringWriter();
            try (JsonGenerator generator = FireboltJson.FACTORY.createGenerator(json)) {
                generator.copyCurrentStructure(parser);
            }
            return json.toString();
        }
        return parser.getText();
    }

    static Object date(JsonParser parser)
            throws IOException
    {
        return LocalDate.parse(string(parser));
    }

    static Object timestamp(JsonParser parser)
            throws IOException
    {
        return FireboltTemporal.timestamp(string(parser));
    }

    static Object timestampWithTimeZone(JsonParser parser)
            throws IOException
    {
        return FireboltTemporal.timestampWithTimeZone(string(parser));
    }

    static Object decimal(JsonParser parser)
            throws IOException
    {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return new BigDecimal(parser.getText().strip());
        }
        // Jackson parses the number's text exactly, without a detour through double.
        return parser.getDecimalValue();
    }

    static Object bytea(JsonParser parser)
            throws IOException
    {
        String text = string(parser);
        if (!text.startsWith("\\x") || text.length() % 2 != 0) {
            throw new IllegalArgumentException("not bytea in hex form (\\x...): '" + abbreviate(text) + "'");
        }
        byte[] bytes = new byte[(text.length() - 2) / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(text.charAt(2 + 2 * i), 16);
            int low = Character.digit(text.charAt(3 + 2 * i), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("not bytea in hex form (\\x...): '" + abbreviate(text) + "'");
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    static ValueReader array(ValueReader element)
    {
        return parser -> {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not an array: " + parser.currentToken());
            }
            List<Object> values = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new IllegalArgumentException("the array ends before its closing bracket");
                }
                values.add(token == JsonToken.VALUE_NULL ? null : element.read(parser));
            }
            return values;
        };
    }

    private static double special(String text)
    {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan", "+nan" -> Double.NaN;
            default -> Double.parseDouble(text.strip());
        };
    }

    private static String string(JsonParser parser)
            throws IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("expected a string, got " + parser.currentToken());
        }
        return parser.getText();
    }

    private static String abbreviate(String text)
    {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
