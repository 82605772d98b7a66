package io.queryflux.jetty.relay;

/**
 * Hand-written JSON for the fake coordinator, so that its bytes are exactly what a test expects.
 */
final class FakeJson
{
    static final String VARCHAR_SIGNATURE = "{\"rawType\":\"varchar\",\"arguments\":[{\"kind\":\"LONG\",\"value\":2147483647}]}";
    static final String BIGINT_COLUMN = "{\"name\":\"id\",\"type\":\"bigint\",\"typeSignature\":{\"rawType\":\"bigint\",\"arguments\":[]}}";

    private FakeJson() {}

    static String varcharColumn(String name)
    {
        return "{\"name\":" + quote(name) + ",\"type\":\"varchar\",\"typeSignature\":" + VARCHAR_SIGNATURE + "}";
    }

    static String mapColumn(String name)
    {
        return "{\"name\":" + quote(name) + ",\"type\":\"map(varchar, varchar)\",\"typeSignature\":{\"rawType\":\"map\",\"arguments\":["
                + "{\"kind\":\"TYPE\",\"value\":" + VARCHAR_SIGNATURE + "},"
                + "{\"kind\":\"TYPE\",\"value\":" + VARCHAR_SIGNATURE + "}]}}";
    }

    static String quote(String value)
    {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
