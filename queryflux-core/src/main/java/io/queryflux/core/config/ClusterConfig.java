package io.queryflux.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One cluster (member) of a cluster group.
 *
 * @param name unique across the whole config
 * @param maxRunningQueries this cluster's own cap, or empty to take the group's
 * @param properties the engine-specific settings (e.g. {@code url}, {@code databasePath}),
 *        validated by the group's backend factory
 */
public record ClusterConfig(String name, OptionalInt maxRunningQueries, Map<String, Object> properties)
{
    public ClusterConfig
    {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(maxRunningQueries, "maxRunningQueries is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public static ClusterConfig of(String name, Map<String, Object> properties)
    {
        return new ClusterConfig(name, OptionalInt.empty(), properties);
    }
}
