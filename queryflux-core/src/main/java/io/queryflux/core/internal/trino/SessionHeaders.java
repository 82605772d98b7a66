package io.queryflux.core.internal.trino;

import io.queryflux.spi.SessionChange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Trino response header that tells a client about a session change.
 */
final class SessionHeaders
{
    private SessionHeaders() {}

    static Map.Entry<String, String> of(SessionChange change)
    {
        return switch (change.kind()) {
            case SET_CATALOG -> Map.entry("X-Trino-Set-Catalog", change.value());
            case SET_SCHEMA -> Map.entry("X-Trino-Set-Schema", change.value());
            case SET_PROPERTY -> Map.entry("X-Trino-Set-Session", change.name() + "=" + urlEncode(change.value()));
            case CLEAR_PROPERTY -> Map.entry("X-Trino-Clear-Session", change.name());
            case STARTED_TRANSACTION -> Map.entry("X-Trino-Started-Transaction-Id", change.value());
            case CLEAR_TRANSACTION -> Map.entry("X-Trino-Clear-Transaction-Id", "true");
        };
    }

    private static String urlEncode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
