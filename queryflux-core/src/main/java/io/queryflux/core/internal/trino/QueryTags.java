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
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        clientTags.forEach(header -> addAll(TagParser.parse(header), tags, warnings));
        for (String header : sessionHeaders) {
            for (String entry : header.split(",")) {
                int equals = entry.indexOf('=');
                if (equals > 0 && isTagProperty(entry.substring(0, equals))) {
                    addAll(TagParser.parse(TrinoRequestReader.urlDecode(entry.substring(equals + 1).trim())), tags, warnings);
                }
            }
        }
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

    private static void addAll(ParsedTags parsed, Map<String, String> tags, List<String> warnings)
    {
        tags.putAll(parsed.tags());
        warnings.addAll(parsed.warnings());
    }
}
