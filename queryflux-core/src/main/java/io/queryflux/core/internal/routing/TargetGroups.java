package io.queryflux.core.internal.routing;

import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.RouterContext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the cluster groups a router sends queries to, checking each against the configured groups so
 * that a typo fails at startup instead of at the first query that would be routed by it.
 */
final class TargetGroups
{
    private TargetGroups() {}

    /** The group at {@code key}, or {@code null} after reporting it missing, mistyped or unknown. */
    static String required(ProviderConfig config, String key, RouterContext context)
    {
        String group = config.requiredString(key);
        if (group == null) {
            return null; // reported by requiredString
        }
        return known(config, key, group, context);
    }

    /**
     * The map under {@code key} from a name (a header value, a user) to a group; empty after reporting
     * it missing, not a map, without entries, or with a bad entry.
     */
    static Optional<Map<String, String>> requiredMapping(ProviderConfig config, String key, RouterContext context)
    {
        if (!config.has(key)) {
            config.problem(key, "is required");
            return Optional.empty();
        }
        Optional<ProviderConfig> nested = config.object(key);
        if (nested.isEmpty()) {
            return Optional.empty(); // reported by object
        }
        Optional<Map<String, String>> mapping = mapping(nested.get(), context);
        if (mapping.isPresent() && mapping.get().isEmpty()) {
            config.problem(key, "must map at least one name to a cluster group");
            return Optional.empty();
        }
        return mapping;
    }

    /** Every key of {@code entry} mapped to its group; empty after reporting any bad entry. */
    static Optional<Map<String, String>> mapping(ProviderConfig entry, RouterContext context)
    {
        Map<String, String> result = new LinkedHashMap<>();
        boolean valid = true;
        for (String key : entry.keys()) {
            String group = mapped(entry, key, context);
            if (group == null) {
                valid = false;
            }
            else {
                result.put(key, group);
            }
        }
        return valid ? Optional.of(Collections.unmodifiableMap(result)) : Optional.empty();
    }

    private static String mapped(ProviderConfig entry, String key, RouterContext context)
    {
        if (!entry.has(key)) {
            entry.problem(key, "must name a cluster group");
            return null;
        }
        Optional<String> group = entry.string(key);
        if (group.isEmpty()) {
            return null; // not a string: reported by string
        }
        if (group.get().isBlank()) {
            entry.problem(key, "must name a cluster group");
            return null;
        }
        return known(entry, key, group.get(), context);
    }

    private static String known(ProviderConfig config, String key, String group, RouterContext context)
    {
        if (!context.groupNames().contains(group)) {
            // Sorted, so that the message is the same on every start.
            config.problem(key, "must be one of the cluster groups " + new TreeSet<>(context.groupNames()) + ", not '" + group + "'");
            return null;
        }
        return group;
    }
}
