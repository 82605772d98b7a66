package io.queryflux.core.internal.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Picks the cluster for a query among those that are healthy, not tripped and have room. Called under
 * the group's lock, so a strategy may keep plain state.
 */
interface ClusterStrategy
{
    /** @param candidates non-empty, in the group's listed order */
    Cluster pick(List<Cluster> candidates, List<Cluster> all);

    static ClusterStrategy roundRobin()
    {
        return new ClusterStrategy()
        {
            private int next;

            @Override
            public Cluster pick(List<Cluster> candidates, List<Cluster> all)
            {
                // Walk the full member list so that skipping a busy cluster does not shift the turn of the others.
                for (int i = 0; i < all.size(); i++) {
                    Cluster cluster = all.get((next + i) % all.size());
                    if (candidates.contains(cluster)) {
                        next = (next + i + 1) % all.size();
                        return cluster;
                    }
                }
                return candidates.get(0);
            }
        };
    }

    /** The cluster with the smallest share of its capacity in use; ties go to the first listed. */
    static ClusterStrategy leastLoaded()
    {
        return (candidates, all) -> candidates.stream()
                .min(Comparator.comparingDouble(cluster -> cluster.running() / (double) cluster.maxRunningQueries()))
                .orElseThrow();
    }

    /** The first listed cluster that can take the query. */
    static ClusterStrategy failover()
    {
        return (candidates, all) -> candidates.get(0);
    }

    /** Smooth weighted round robin: over time each cluster gets its weight's share, interleaved. */
    static ClusterStrategy weighted(Map<String, Integer> weights)
    {
        return new ClusterStrategy()
        {
            private final Map<String, long[]> current = new java.util.HashMap<>();

            @Override
            public Cluster pick(List<Cluster> candidates, List<Cluster> all)
            {
                long total = 0;
                Cluster best = null;
                long bestWeight = Long.MIN_VALUE;
                for (Cluster cluster : candidates) {
                    int weight = weights.getOrDefault(cluster.name(), 1);
                    long[] value = current.computeIfAbsent(cluster.name(), ignored -> new long[1]);
                    value[0] += weight;
                    total += weight;
                    if (value[0] > bestWeight) {
                        bestWeight = value[0];
                        best = cluster;
                    }
                }
                current.get(best.name())[0] -= total;
                return best;
            }
        };
    }
}
