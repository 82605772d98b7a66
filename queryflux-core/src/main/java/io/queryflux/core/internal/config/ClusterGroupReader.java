package io.queryflux.core.internal.config;

import io.queryflux.core.config.ClusterConfig;
import io.queryflux.core.config.ClusterGroupConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static io.queryflux.core.internal.config.ConfigProblems.child;
import static io.queryflux.core.internal.config.ConfigProblems.index;

/**
 * Reads {@code clusterGroups} of a YAML config. Structural keys become record fields; every other
 * key goes to the properties, for the group's backend factory to check.
 */
final class ClusterGroupReader
{
    private static final String PATH = "clusterGroups";
    private static final Set<String> GROUP_KEYS = Set.of("engine", "maxRunningQueries", "maxQueuedQueries", "capacityWaitTimeout", "clusters");
    private static final Set<String> CLUSTER_KEYS = Set.of("name", "maxRunningQueries");

    private final ConfigProblems problems;

    ClusterGroupReader(ConfigProblems problems)
    {
        this.problems = problems;
    }

    Map<String, ClusterGroupConfig> read(Object value)
    {
        Map<String, ClusterGroupConfig> groups = new LinkedHashMap<>();
        YamlValues.map(value, PATH, problems)
                .orElse(Map.of())
                .forEach((name, group) -> groups.put(name, readGroup(name, group)));
        return groups;
    }

    private ClusterGroupConfig readGroup(String name, Object value)
    {
        String path = child(PATH, name);
        // A group that is not a map is kept, empty, so that routers and routingFallback naming it are not reported too.
        Map<String, Object> group = YamlValues.map(value, path, problems).orElse(Map.of());
        String engine = YamlValues.string(group.get("engine"), child(path, "engine"), problems);
        int maxRunningQueries = YamlValues.integer(group.get("maxRunningQueries"), child(path, "maxRunningQueries"), problems)
                .orElse(ClusterGroupConfig.DEFAULT_MAX_RUNNING_QUERIES);
        int maxQueuedQueries = YamlValues.integer(group.get("maxQueuedQueries"), child(path, "maxQueuedQueries"), problems)
                .orElse(ClusterGroupConfig.DEFAULT_MAX_QUEUED_QUERIES);
        Duration capacityWaitTimeout = YamlValues.duration(group.get("capacityWaitTimeout"), child(path, "capacityWaitTimeout"), problems)
                .orElse(ClusterGroupConfig.DEFAULT_CAPACITY_WAIT_TIMEOUT);
        List<ClusterConfig> clusters = readClusters(group.get("clusters"), child(path, "clusters"));
        return new ClusterGroupConfig(name, engine, maxRunningQueries, maxQueuedQueries, capacityWaitTimeout, clusters, YamlValues.without(group, GROUP_KEYS));
    }

    private List<ClusterConfig> readClusters(Object value, String path)
    {
        List<Object> entries = YamlValues.list(value, path, problems).orElse(List.of());
        List<ClusterConfig> clusters = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            // An entry that is not a map is left out: there is nothing in it for a backend to use.
            readCluster(entries.get(i), index(path, i)).ifPresent(clusters::add);
        }
        return clusters;
    }

    private Optional<ClusterConfig> readCluster(Object value, String path)
    {
        if (value == null) {
            problems.add(path, "must be a map, not empty");
            return Optional.empty();
        }
        return YamlValues.map(value, path, problems).map(cluster -> {
            // A missing name reads as blank, for the validator to report with the rest of the cluster's problems.
            String name = Objects.requireNonNullElse(YamlValues.string(cluster.get("name"), child(path, "name"), problems), "");
            OptionalInt maxRunningQueries = YamlValues.integer(cluster.get("maxRunningQueries"), child(path, "maxRunningQueries"), problems);
            return new ClusterConfig(name, maxRunningQueries, YamlValues.without(cluster, CLUSTER_KEYS));
        });
    }
}
