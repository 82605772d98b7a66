package io.queryflux.core.internal.engine;

import io.queryflux.spi.QueryFluxException;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to run one query on one cluster. Releasing it more than once has no further effect, so
 * every exit path may release it.
 */
public final class Slot
{
    private final ClusterGroup group;
    private final Cluster cluster;
    private final boolean probe;
    private final AtomicBoolean released = new AtomicBoolean();

    Slot(ClusterGroup group, Cluster cluster, boolean probe)
    {
        this.group = group;
        this.cluster = cluster;
        this.probe = probe;
    }

    public Cluster cluster()
    {
        return cluster;
    }

    /** Tells the cluster's breaker how the query ended ({@code null}: success), then releases. */
    public void release(QueryFluxException outcome)
    {
        if (released.compareAndSet(false, true)) {
            cluster.recordOutcome(outcome, probe);
            group.release(this);
        }
    }

    /** Releases without an outcome the breaker should count, e.g. for a cancelled query. */
    public void release()
    {
        if (released.compareAndSet(false, true)) {
            cluster.breaker().recordNeutral(probe);
            group.release(this);
        }
    }

    public boolean isReleased()
    {
        return released.get();
    }
}
