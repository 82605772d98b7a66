package io.queryflux.core.internal.trino;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query tags from {@code X-Trino-Client-Tags} (a comma list of {@code k} or {@code k:v}) and from the
 * {@code query_tags}/{@code query_tag} entry of {@code X-Trino-Session}.
 */
final class QueryTags
{
    private QueryTags() {}

    static Map<String, String> fromHeaders(List<String> clientTags, List<String> sessionHeaders)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        clientTags.forEach(header -> parseInto(header, tags));
        for (String header : sessionHeaders) {
            for (String entry : header.split(",")) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = entry.substring(0, equals).trim();
                if (name.equals("query_tags") || name.equals("query_tag")) {
                    parseInto(TrinoRequestReader.urlDecode(entry.substring(equals + 1).trim()), tags);
                }
            }
        }
        return tags;
    }

    private static void parseInto(String text, Map<String, String> tags)
    {
        for (String item : text.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                tags.put(trimmed, null);
            }
            else {
                tags.put(trimmed.substring(0, colon).trim(), trimmed.substring(colon + 1).trim());
            }
        }
    }
}
