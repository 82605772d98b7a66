package io.queryflux.core.internal.engine;

import io.queryflux.spi.Backend;

import static java.util.Objects.requireNonNull;

/**
 * One engine cluster: its backend and its own cap on running queries. The running count is guarded
 * by the owning {@link ClusterGroup}'s lock.
 */
public final class Cluster
{
    private final String name;
    private final Backend backend;
    private final int maxRunningQueries;
    private int running;

    public Cluster(String name, Backend backend, int maxRunningQueries)
    {
        this.name = requireNonNull(name, "name is null");
        this.backend = requireNonNull(backend, "backend is null");
        this.maxRunningQueries = maxRunningQueries;
    }

    public String name()
    {
        return name;
    }

    public Backend backend()
    {
        return backend;
    }

    public int maxRunningQueries()
    {
        return maxRunningQueries;
    }

    int running()
    {
        return running;
    }

    boolean hasRoom()
    {
        return running < maxRunningQueries;
    }

    void acquire()
    {
        running++;
    }

    void release()
    {
        running--;
    }
}
