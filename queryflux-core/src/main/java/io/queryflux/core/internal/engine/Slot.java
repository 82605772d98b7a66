package io.queryflux.core.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to run one query on one cluster. Releasing it more than once has no further effect, so
 * every exit path may release it.
 */
public final class Slot
{
    private final ClusterGroup group;
    private final Cluster cluster;
    private final AtomicBoolean released = new AtomicBoolean();

    Slot(ClusterGroup group, Cluster cluster)
    {
        this.group = group;
        this.cluster = cluster;
    }

    public Cluster cluster()
    {
        return cluster;
    }

    public void release()
    {
        if (released.compareAndSet(false, true)) {
            group.release(this);
        }
    }

    public boolean isReleased()
    {
        return released.get();
    }
}
