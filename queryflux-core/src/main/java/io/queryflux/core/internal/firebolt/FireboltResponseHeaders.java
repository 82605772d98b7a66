package io.queryflux.core.internal.firebolt;

import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session directives of one Firebolt response: {@code Firebolt-Reset-Session},
 * {@code Firebolt-Remove-Parameters: k[,k2]}, {@code Firebolt-Update-Parameters: k=v[,k2=v2]} and
 * {@code Firebolt-Update-Endpoint: url?params}. Repeated headers add up.
 *
 * @param reset whether Firebolt dropped all session parameters
 * @param removed the parameters Firebolt dropped
 * @param updated the parameters Firebolt set, in the order it sent them
 * @param endpoint the endpoint Firebolt moved the session to, or {@code null}
 */
record FireboltResponseHeaders(boolean reset, List<String> removed, Map<String, String> updated, String endpoint)
{
    static final String UPDATE_PARAMETERS = "Firebolt-Update-Parameters";
    static final String REMOVE_PARAMETERS = "Firebolt-Remove-Parameters";
    static final String RESET_SESSION = "Firebolt-Reset-Session";
    static final String UPDATE_ENDPOINT = "Firebolt-Update-Endpoint";

    static FireboltResponseHeaders of(HttpHeaders headers)
    {
        List<String> removed = new ArrayList<>();
        for (String value : headers.allValues(REMOVE_PARAMETERS)) {
            for (String key : value.split(",")) {
                if (!key.isBlank()) {
                    removed.add(key.strip());
                }
            }
        }
        Map<String, String> updated = new LinkedHashMap<>();
        for (String value : headers.allValues(UPDATE_PARAMETERS)) {
            putPairs(updated, value, ",", false);
        }
        return new FireboltResponseHeaders(
                headers.firstValue(RESET_SESSION).isPresent(),
                List.copyOf(removed),
                updated,
                headers.firstValue(UPDATE_ENDPOINT).map(String::strip).filter(value -> !value.isEmpty()).orElse(null));
    }

    /** The parameters in the query string of an endpoint URL, which take effect like updated ones. */
    static Map<String, String> endpointParameters(String endpoint)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = endpoint.indexOf('?');
        if (query >= 0) {
            putPairs(parameters, endpoint.substring(query + 1), "&", true);
        }
        return parameters;
    }

    boolean isEmpty()
    {
        return !reset && removed.isEmpty() && updated.isEmpty() && endpoint == null;
    }

    private static void putPairs(Map<String, String> pairs, String text, String separator, boolean urlEncoded)
    {
        for (String pair : text.split(separator)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            pairs.put(key, urlEncoded ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value);
        }
    }
}
