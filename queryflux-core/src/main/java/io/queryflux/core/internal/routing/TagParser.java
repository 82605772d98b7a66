package io.queryflux.core.internal.routing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses query tags as clients send them, in one of two forms:
 * <ul>
 *   <li>a JSON object, {@code {"team":"eng","batch":null}}, whose values are strings or {@code null}
 *       (a key-only tag); the only form in which a value may hold a comma;</li>
 *   <li>comma-separated {@code key:value} pairs, {@code team:eng,batch}, where a bare {@code key} is a
 *       key-only tag and a value runs from the first colon to the next comma.</li>
 * </ul>
 * Keys are 1 to {@value #MAX_KEY_LENGTH} letters, digits, {@code _} or {@code -}; values are at most
 * {@value #MAX_VALUE_LENGTH} characters; at most {@value #MAX_TAGS} tags are kept. An entry that
 * breaks a rule is dropped with a warning rather than failing the query, because tags only steer
 * routing and accounting.
 */
public final class TagParser
{
    public static final int MAX_TAGS = 20;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 128;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_KEY_LENGTH + "}");
    private static final int SHOWN_LENGTH = 40;
    private static final JsonFactory JSON = new JsonFactory();

    private TagParser() {}

    /** Parses tags in either form; a blank text has no tags. */
    public static ParsedTags parse(String text)
    {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return new ParsedTags(Map.of(), List.of());
        }
        return trimmed.startsWith("{") ? parseJson(trimmed) : parsePairs(trimmed);
    }

    /** The tags of both maps; a session tag replaces a default tag of the same key, even with {@code null}. */
    public static Map<String, String> merge(Map<String, String> defaultTags, Map<String, String> sessionTags)
    {
        Map<String, String> merged = new LinkedHashMap<>(defaultTags);
        merged.putAll(sessionTags);
        return Collections.unmodifiableMap(merged);
    }

    /** Whether {@code key} may name a tag: 1 to {@value #MAX_KEY_LENGTH} letters, digits, {@code _} or {@code -}. */
    public static boolean isValidKey(String key)
    {
        return key != null && KEY.matcher(key).matches();
    }

    private static ParsedTags parsePairs(String text)
    {
        Collector collector = new Collector();
        for (String item : text.split(",")) {
            String pair = item.trim();
            if (pair.isEmpty()) {
                continue; // "a,,b" or a trailing comma: nothing was sent
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                collector.add(pair, null);
            }
            else {
                collector.add(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
            }
        }
        return collector.finish();
    }

    private static ParsedTags parseJson(String text)
    {
        Collector collector = new Collector();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(parser, "not an object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    collector.add(key, parser.getText());
                }
                else if (value == JsonToken.VALUE_NULL) {
                    collector.add(key, null);
                }
                else {
                    collector.warn("query tag '" + shown(key) + "' dropped: its value must be a string or null");
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new JsonParseException(parser, "text after the object");
            }
        }
        catch (IOException e) {
            // All or nothing: what was read before a syntax error may be a misread of the client's intent.
            // The original message, since the full one quotes the input, which may be long.
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            return new ParsedTags(Map.of(), List.of("query tags dropped: not a valid JSON object (" + reason + ")"));
        }
        return collector.finish();
    }

    /** A key or value as a warning shows it: shortened, and without control characters. */
    private static String shown(String text)
    {
        String cleaned = text.codePoints()
                .map(codePoint -> Character.isISOControl(codePoint) ? '?' : codePoint)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (cleaned.codePointCount(0, cleaned.length()) <= SHOWN_LENGTH) {
            return cleaned;
        }
        return cleaned.substring(0, cleaned.offsetByCodePoints(0, SHOWN_LENGTH)) + "...";
    }

    private static int length(String text)
    {
        return text.codePointCount(0, text.length());
    }

    /** Validates entries as they come, keeping the valid ones in order and a warning for each other one. */
    private static final class Collector
    {
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<String> overLimit = new ArrayList<>();

        void add(String key, String value)
        {
            if (key.isEmpty()) {
                warnings.add("query tag dropped: its key is empty");
                return;
            }
            if (length(key) > MAX_KEY_LENGTH) {
                warnings.add("query tag '" + shown(key) + "' dropped: its key is longer than " + MAX_KEY_LENGTH + " characters");
                return;
            }
            if (!isValidKey(key)) {
                warnings.add("query tag '" + shown(key) + "' dropped: a key may only hold letters, digits, '_' and '-'");
                return;
            }
            if (value != null && length(value) > MAX_VALUE_LENGTH) {
                warnings.add("query tag '" + key + "' dropped: its value is longer than " + MAX_VALUE_LENGTH + " characters");
                return;
            }
            if (tags.containsKey(key)) {
                warnings.add("query tag '" + key + "' is given more than once: the last value is kept");
                tags.put(key, value);
                return;
            }
            if (tags.size() >= MAX_TAGS) {
                overLimit.add(key);
                return;
            }
            tags.put(key, value);
        }

        void warn(String warning)
        {
            warnings.add(warning);
        }

        ParsedTags finish()
        {
            if (!overLimit.isEmpty()) {
                // One line, not one per tag: a client sending hundreds of tags should not get hundreds of warnings.
                String dropped = String.join(", ", overLimit.stream().limit(5).toList()) + (overLimit.size() > 5 ? ", ..." : "");
                warnings.add("query tags dropped: only the first " + MAX_TAGS + " are kept (" + overLimit.size() + " dropped: " + dropped + ")");
            }
            return new ParsedTags(tags, warnings);
        }
    }
}
