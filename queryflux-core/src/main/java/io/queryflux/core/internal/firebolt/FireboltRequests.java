package io.queryflux.core.internal.firebolt;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds the one HTTP request of a Firebolt statement: a POST of the SQL text to the endpoint, with
 * the session and settings as query parameters.
 */
final class FireboltRequests
{
    static final String PROTOCOL_VERSION = "2.3";
    static final String STREAMING_FORMAT = "JSONLines_Compact";
    static final String DOCUMENT_FORMAT = "JSON_Compact";

    private FireboltRequests() {}

    static HttpRequest post(URI endpoint, Map<String, String> parameters, String sql, Duration timeout)
    {
        return HttpRequest.newBuilder(uri(endpoint, parameters))
                .timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Firebolt-Protocol-Version", PROTOCOL_VERSION)
                .header("User-Agent", "QueryFlux")
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build();
    }

    static URI uri(URI endpoint, Map<String, String> parameters)
    {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        return URI.create(endpoint + (parameters.isEmpty() ? "" : "?" + query));
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
