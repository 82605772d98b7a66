package io.queryflux.core.internal.engine;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Admission for one cluster group. A query runs only while it holds a {@link Slot}: at most
 * {@code maxRunningQueries} in the group and at most each cluster's own cap on that cluster. Queries
 * that find no room wait in FIFO order, up to {@code maxQueuedQueries} and {@code capacityWaitTimeout}.
 * Every decision is taken under one lock, so the caps hold under any concurrency.
 */
public final class ClusterGroup
{
    private final String name;
    private final List<Cluster> clusters;
    private final int maxRunningQueries;
    private final int maxQueuedQueries;
    private final Duration capacityWaitTimeout;
    private final ScheduledExecutorService scheduler;
    private final ClusterStrategy strategy;
    private final Map<String, String> defaultTags;

    private final Object lock = new Object();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private int running;

    public ClusterGroup(String name, List<Cluster> clusters, int maxRunningQueries, int maxQueuedQueries, Duration capacityWaitTimeout, ScheduledExecutorService scheduler)
    {
        this(name, clusters, maxRunningQueries, maxQueuedQueries, capacityWaitTimeout, scheduler, ClusterStrategy.roundRobin(), Map.of());
    }

    ClusterGroup(String name, List<Cluster> clusters, int maxRunningQueries, int maxQueuedQueries, Duration capacityWaitTimeout, ScheduledExecutorService scheduler, ClusterStrategy strategy, Map<String, String> defaultTags)
    {
        this.defaultTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(defaultTags));
        this.name = requireNonNull(name, "name is null");
        this.clusters = List.copyOf(clusters);
        this.maxRunningQueries = maxRunningQueries;
        this.maxQueuedQueries = maxQueuedQueries;
        this.capacityWaitTimeout = requireNonNull(capacityWaitTimeout, "capacityWaitTimeout is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.strategy = requireNonNull(strategy, "strategy is null");
    }

    public String name()
    {
        return name;
    }

    public List<Cluster> clusters()
    {
        return clusters;
    }

    /** Tags every query of the group carries unless it sets the same key itself. */
    public Map<String, String> defaultTags()
    {
        return defaultTags;
    }

    /**
     * Grants a slot at once when there is room and nobody waits, calling {@code listener} before
     * returning; otherwise queues the query.
     *
     * @throws QueryFluxException {@link ErrorCode#QUERY_QUEUE_FULL} when the queue is full, and
     *         {@link ErrorCode#NO_NODES_AVAILABLE} when no cluster is healthy: the client hears at once
     */
    public Admission admit(String queryId, AdmissionListener listener)
    {
        Waiter waiter = new Waiter(queryId, listener);
        Slot slot;
        synchronized (lock) {
            if (noClusterAvailable()) {
                throw noNodes();
            }
            slot = queue.isEmpty() ? tryAcquire() : null;
            if (slot == null) {
                if (queue.size() >= maxQueuedQueries) {
                    throw new QueryFluxException(ErrorCode.QUERY_QUEUE_FULL,
                            "Too many queued queries for cluster group '" + name + "' (maxQueuedQueries: " + maxQueuedQueries + ")");
                }
                queue.addLast(waiter);
                waiter.timeout = scheduler.schedule(() -> expire(waiter), capacityWaitTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (slot != null) {
            listener.granted(slot);
        }
        return waiter;
    }

    public int runningQueries()
    {
        synchronized (lock) {
            return running;
        }
    }

    public int queuedQueries()
    {
        synchronized (lock) {
            return queue.size();
        }
    }

    void release(Slot slot)
    {
        synchronized (lock) {
            running--;
            slot.cluster().release();
        }
        availabilityChanged();
    }

    /**
     * Re-examines the queue after a slot was freed or a cluster's health or breaker changed: waiters
     * get the room there is, and when no cluster can take queries at all they fail at once.
     */
    public void availabilityChanged()
    {
        List<Grant> grants = new ArrayList<>();
        List<Waiter> rejected = new ArrayList<>();
        synchronized (lock) {
            if (!queue.isEmpty() && noClusterAvailable()) {
                rejected.addAll(queue);
                queue.clear();
                rejected.forEach(waiter -> waiter.timeout.cancel(false));
            }
            while (!queue.isEmpty()) {
                Slot next = tryAcquire();
                if (next == null) {
                    break;
                }
                Waiter waiter = queue.removeFirst();
                waiter.timeout.cancel(false);
                grants.add(new Grant(waiter, next));
            }
        }
        grants.forEach(grant -> grant.waiter().listener.granted(grant.slot()));
        rejected.forEach(waiter -> waiter.listener.rejected(noNodes()));
    }

    // Guarded by lock.
    private Slot tryAcquire()
    {
        if (running >= maxRunningQueries) {
            return null;
        }
        List<Cluster> candidates = new ArrayList<>(clusters.size());
        for (Cluster cluster : clusters) {
            if (cluster.hasRoom() && cluster.isAvailable()) {
                candidates.add(cluster);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Cluster cluster = strategy.pick(candidates, clusters);
        running++;
        return new Slot(this, cluster, cluster.acquire());
    }

    // Guarded by lock.
    private boolean noClusterAvailable()
    {
        for (Cluster cluster : clusters) {
            if (cluster.isHealthy() && cluster.breaker().state() != CircuitBreaker.State.OPEN) {
                return false;
            }
        }
        return true;
    }

    private QueryFluxException noNodes()
    {
        StringBuilder reasons = new StringBuilder();
        for (Cluster cluster : clusters) {
            reasons.append(reasons.length() == 0 ? "" : "; ").append(cluster.name()).append(": ")
                    .append(!cluster.isHealthy() ? "unhealthy (" + cluster.healthProblem() + ")" : "circuit breaker " + cluster.breaker().state());
        }
        return new QueryFluxException(ErrorCode.NO_NODES_AVAILABLE, "No cluster of group '" + name + "' can take queries: " + reasons);
    }

    private void expire(Waiter waiter)
    {
        if (!remove(waiter)) {
            return;
        }
        waiter.listener.rejected(new QueryFluxException(ErrorCode.EXCEEDED_TIME_LIMIT,
                "Query " + waiter.queryId + " waited longer than " + capacityWaitTimeout.toMillis() + " ms (capacityWaitTimeout) for room in cluster group '" + name + "'"));
    }

    private boolean remove(Waiter waiter)
    {
        synchronized (lock) {
            Iterator<Waiter> iterator = queue.iterator();
            while (iterator.hasNext()) {
                if (iterator.next() == waiter) {
                    iterator.remove();
                    waiter.timeout.cancel(false);
                    return true;
                }
            }
            return false;
        }
    }

    /** A query's place in the queue, or its already granted admission. */
    public interface Admission
    {
        /** Leaves the queue; {@code false} when the query was not (or no longer) waiting. */
        boolean withdraw();
    }

    private final class Waiter
            implements Admission
    {
        private final String queryId;
        private final AdmissionListener listener;
        private ScheduledFuture<?> timeout;

        private Waiter(String queryId, AdmissionListener listener)
        {
            this.queryId = queryId;
            this.listener = listener;
        }

        @Override
        public boolean withdraw()
        {
            return remove(this);
        }
    }

    private record Grant(Waiter waiter, Slot slot) {}
}
