package io.queryflux.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster group: clusters of one engine that share admission limits.
 *
 * @param name the group's key under {@code clusterGroups}
 * @param engine the backend factory's name, e.g. {@code duckDb}, {@code jdbc}
 * @param maxRunningQueries how many of the group's queries run at once
 * @param maxQueuedQueries how many may wait for room; beyond that a query fails with {@code QUERY_QUEUE_FULL}
 * @param capacityWaitTimeout how long a query may wait in the queue
 * @param clusters the members
 * @param properties settings for the group's engine that every cluster shares
 */
public record ClusterGroupConfig(
        String name,
        String engine,
        int maxRunningQueries,
        int maxQueuedQueries,
        Duration capacityWaitTimeout,
        List<ClusterConfig> clusters,
        Map<String, Object> properties)
{
    public static final int DEFAULT_MAX_RUNNING_QUERIES = 8;
    public static final int DEFAULT_MAX_QUEUED_QUERIES = 1000;
    public static final Duration DEFAULT_CAPACITY_WAIT_TIMEOUT = Duration.ofMinutes(5);

    public ClusterGroupConfig
    {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(capacityWaitTimeout, "capacityWaitTimeout is null");
        clusters = List.copyOf(clusters);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public static Builder builder(String name, String engine)
    {
        return new Builder(name, engine);
    }

    public static final class Builder
    {
        private final String name;
        private final String engine;
        private int maxRunningQueries = DEFAULT_MAX_RUNNING_QUERIES;
        private int maxQueuedQueries = DEFAULT_MAX_QUEUED_QUERIES;
        private Duration capacityWaitTimeout = DEFAULT_CAPACITY_WAIT_TIMEOUT;
        private final List<ClusterConfig> clusters = new java.util.ArrayList<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();

        private Builder(String name, String engine)
        {
            this.name = name;
            this.engine = engine;
        }

        public Builder maxRunningQueries(int maxRunningQueries)
        {
            this.maxRunningQueries = maxRunningQueries;
            return this;
        }

        public Builder maxQueuedQueries(int maxQueuedQueries)
        {
            this.maxQueuedQueries = maxQueuedQueries;
            return this;
        }

        public Builder capacityWaitTimeout(Duration capacityWaitTimeout)
        {
            this.capacityWaitTimeout = capacityWaitTimeout;
            return this;
        }

        public Builder cluster(String clusterName, Map<String, Object> clusterProperties)
        {
            clusters.add(ClusterConfig.of(clusterName, clusterProperties));
            return this;
        }

        public Builder cluster(ClusterConfig cluster)
        {
            clusters.add(cluster);
            return this;
        }

        public Builder property(String key, Object value)
        {
            properties.put(key, value);
            return this;
        }

        public ClusterGroupConfig build()
        {
            return new ClusterGroupConfig(name, engine, maxRunningQueries, maxQueuedQueries, capacityWaitTimeout, clusters, properties);
        }
    }
}
