package io.queryflux.core.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A request to an origin: method, target (path and query, as sent on the request line), headers in
 * the order given, and a body that is small enough to hold (a statement's SQL).
 */
public record OutboundRequest(String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
{
    private static final byte[] NO_BODY = new byte[0];

    public OutboundRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(target, "target is null");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("target must start with /: " + target);
        }
        checkNoLineBreak(method);
        checkNoLineBreak(target);
        headers = List.copyOf(headers);
        headers.forEach(header -> {
            checkToken(header.getKey());
            checkNoLineBreak(header.getValue());
        });
        body = body == null ? NO_BODY : body;
    }

    public static Builder builder(String method, String target)
    {
        return new Builder(method, target);
    }

    /** Whether the response to this request can have a body at all. */
    boolean expectsBody()
    {
        return !method.equals("HEAD");
    }

    /** Whether sending this request twice does no more than sending it once (anything but POST and PATCH). */
    boolean idempotent()
    {
        return !method.equals("POST") && !method.equals("PATCH");
    }

    // A name with a colon or space would smuggle a header of another name past the framing filter.
    private static void checkToken(String name)
    {
        checkNoLineBreak(name);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Empty HTTP header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("Not a valid HTTP header name: " + name);
            }
        }
    }

    // A line break in a value would let it write headers of its own (request splitting).
    private static void checkNoLineBreak(String value)
    {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("Line break or NUL in an HTTP request line or header: " + value.substring(0, i));
            }
        }
    }

    public static final class Builder
    {
        private final String method;
        private final String target;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body;

        private Builder(String method, String target)
        {
            this.method = method;
            this.target = target;
        }

        public Builder header(String name, String value)
        {
            headers.add(Map.entry(name, value));
            return this;
        }

        public Builder body(byte[] body)
        {
            this.body = body;
            return this;
        }

        public OutboundRequest build()
        {
            return new OutboundRequest(method, target, headers, body);
        }
    }
}
