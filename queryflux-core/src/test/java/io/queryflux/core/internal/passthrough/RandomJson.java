package io.queryflux.core.internal.passthrough;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Writes random Trino-like JSON documents that are hard on a scanner: keys that spell or resemble
 * {@code nextUri} at every depth, strings full of escapes, quotes and brackets, spooled
 * {@code data} objects, odd value types in followed places, and random whitespace.
 */
final class RandomJson
{
    private static final String[] KEYS = {
            "nextUri", "nextUri", "id", "data", "data", "stats", "state", "segments", "uri", "ackUri", "columns",
            "infoUri", "next\\u0055ri", "nextUri\\\"", "\\\"nextUri", "nextUr", "NextUri", "u\\u0072i", "",
    };
    private static final String[] STRING_PIECES = {
            "abc", "http://coordinator:8080/v1/statement/x", "\\\"", "\\\\", "\\/", "\\u0022", "\\u00e9", "\\n",
            "\u00e9", "\u2603", "\ud834\udd1e", "nextUri", "\\\"nextUri\\\":\\\"", "{", "}", "[", "]", ",", ":", " ",
    };
    private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\t", "\r\n  "};

    private final Random random;

    RandomJson(long seed)
    {
        this.random = new Random(seed);
    }

    String document()
    {
        StringBuilder json = new StringBuilder();
        space(json);
        json.append('{');
        int members = random.nextInt(9);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < members; i++) {
            String key = pick(KEYS);
            if (!used.add(canonical(key))) {
                continue;
            }
            if (used.size() > 1) {
                json.append(',');
            }
            member(json, key);
            switch (canonical(key)) {
                case "data" -> {
                    if (random.nextInt(4) != 0) {
                        spooledData(json);
                    }
                    else {
                        value(json, 0);
                    }
                }
                case "nextUri", "id" -> uriOrValue(json, 0);
                case "stats" -> object(json, 1, "state");
                default -> value(json, 0);
            }
            space(json);
        }
        json.append('}');
        space(json);
        return json.toString();
    }

    private void spooledData(StringBuilder json)
    {
        json.append('{');
        member(json, "encoding");
        string(json);
        json.append(',');
        member(json, "segments");
        json.append('[');
        int segments = 1 + random.nextInt(4);
        for (int i = 0; i < segments; i++) {
            if (i > 0) {
                json.append(',');
            }
            space(json);
            if (random.nextInt(6) == 0) {
                value(json, 2);
            }
            else {
                object(json, 3, "uri", "ackUri", "type", "headers");
            }
        }
        json.append(']');
        String extra = pick(KEYS);
        if (random.nextBoolean() && !canonical(extra).equals("encoding") && !canonical(extra).equals("segments")) {
            json.append(',');
            member(json, extra);
            value(json, 2);
        }
        json.append('}');
    }

    private void object(StringBuilder json, int depth, String... keys)
    {
        json.append('{');
        int members = random.nextInt(5);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < members; i++) {
            String key = keys.length > 0 && random.nextInt(4) != 0 ? pick(keys) : pick(KEYS);
            if (!used.add(canonical(key))) {
                continue;
            }
            if (used.size() > 1) {
                json.append(',');
            }
            member(json, key);
            uriOrValue(json, depth + 1);
        }
        space(json);
        json.append('}');
    }

    private void uriOrValue(StringBuilder json, int depth)
    {
        if (random.nextInt(4) != 0) {
            string(json);
        }
        else {
            value(json, depth);
        }
    }

    private void value(StringBuilder json, int depth)
    {
        space(json);
        int kind = random.nextInt(depth > 4 ? 4 : 7);
        switch (kind) {
            case 0 -> string(json);
            case 1 -> json.append(pick(new String[] {"0", "-1", "12.5e-3", "1E+2", "123456789012345678901234567890"}));
            case 2 -> json.append(pick(new String[] {"true", "false", "null"}));
            case 3 -> string(json);
            case 4, 5 -> object(json, depth + 1);
            default -> {
                json.append('[');
                int elements = random.nextInt(5);
                for (int i = 0; i < elements; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    value(json, depth + 1);
                }
                space(json);
                json.append(']');
            }
        }
        space(json);
    }

    private void member(StringBuilder json, String key)
    {
        space(json);
        json.append('"').append(key).append('"');
        space(json);
        json.append(':');
        space(json);
    }

    /**
     * The key as a parser decodes it, to avoid duplicate keys (the tree comparison would hide them).
     */
    private static String canonical(String key)
    {
        return key.replace("\\u0055", "U").replace("\\u0072", "r");
    }

    private void string(StringBuilder json)
    {
        json.append('"');
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            json.append(pick(STRING_PIECES));
        }
        json.append('"');
    }

    private void space(StringBuilder json)
    {
        json.append(pick(WHITESPACE));
    }

    private String pick(String[] choices)
    {
        return choices[random.nextInt(choices.length)];
    }
}
