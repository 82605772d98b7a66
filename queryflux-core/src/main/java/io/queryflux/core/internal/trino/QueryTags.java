package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.routing.ParsedTags;
import io.queryflux.core.internal.routing.TagParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Query tags of a Trino request: from {@code X-Trino-Client-Tags} and from the {@code query_tags} (or
 * {@code query_tag}) entry of {@code X-Trino-Session}, which wins on conflict. Entries that break the
 * tag rules are dropped with a warning for the client, never silently.
 */
final class QueryTags
{
    static final String SESSION_PROPERTY = "query_tags";

    private QueryTags() {}

    static ParsedTags fromHeaders(List<String> clientTags, List<String> sessionHeaders)
    {
        // Session tags first: they win on conflict and keep their place within the tag limit.
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (String header : sessionHeaders) {
            for (String entry : header.split(",")) {
                int equals = entry.indexOf('=');
                if (equals > 0 && isTagProperty(entry.substring(0, equals))) {
                    String encoded = entry.substring(equals + 1).trim();
                    try {
                        addAll(TagParser.parse(TrinoRequestReader.urlDecode(encoded)), tags, warnings, true);
                    }
                    catch (IllegalArgumentException e) {
                        warnings.add("Dropped query tags: the X-Trino-Session value of query_tags is not URL-encoded");
                    }
                }
            }
        }
        clientTags.forEach(header -> addAll(TagParser.parse(header), tags, warnings, false));
        if (tags.size() > TagParser.MAX_TAGS) {
            List<String> dropped = new ArrayList<>(tags.keySet()).subList(TagParser.MAX_TAGS, tags.size());
            warnings.add("Dropped query tags beyond the limit of " + TagParser.MAX_TAGS + ": " + String.join(", ", dropped));
            List.copyOf(dropped).forEach(tags::remove);
        }
        return new ParsedTags(tags, warnings);
    }

    /** Whether a session property name carries query tags; such entries never reach an engine. */
    static boolean isTagProperty(String name)
    {
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        return trimmed.equals(SESSION_PROPERTY) || trimmed.equals("query_tag");
    }

    private static void addAll(ParsedTags parsed, Map<String, String> tags, List<String> warnings, boolean replace)
    {
        parsed.tags().forEach((key, value) -> {
            if (replace || !tags.containsKey(key)) {
                tags.put(key, value);
            }
        });
        warnings.addAll(parsed.warnings());
    }
}
