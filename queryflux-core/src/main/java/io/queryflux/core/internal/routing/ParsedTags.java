package io.queryflux.core.internal.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query tags read from a client, with a warning for every entry that was dropped, so that a client
 * can be told why a tag it sent has no effect.
 *
 * @param tags the tags in the order given; a key-only tag maps to {@code null}
 * @param warnings one line per dropped entry (or per group of entries dropped for one reason)
 */
public record ParsedTags(Map<String, String> tags, List<String> warnings)
{
    public ParsedTags
    {
        // Not Map.copyOf: a key-only tag has a null value.
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        warnings = List.copyOf(warnings);
    }
}
