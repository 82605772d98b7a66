package io.queryflux.core.internal.engine;

import io.queryflux.spi.Backend;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorType;
import io.queryflux.spi.QueryFluxException;

import static java.util.Objects.requireNonNull;

/**
 * One engine cluster: its backend, its own cap on running queries, its health as the background
 * probe last saw it, and its circuit breaker. The running count is guarded by the owning
 * {@link ClusterGroup}'s lock.
 */
public final class Cluster
{
    private final String name;
    private final Backend backend;
    private final int maxRunningQueries;
    private final CircuitBreaker breaker;
    private volatile boolean healthy = true;
    private volatile String healthProblem;
    private int running;

    public Cluster(String name, Backend backend, int maxRunningQueries, CircuitBreaker breaker)
    {
        this.name = requireNonNull(name, "name is null");
        this.backend = requireNonNull(backend, "backend is null");
        this.maxRunningQueries = maxRunningQueries;
        this.breaker = requireNonNull(breaker, "breaker is null");
    }

    public CircuitBreaker breaker()
    {
        return breaker;
    }

    public boolean isHealthy()
    {
        return healthy;
    }

    /** Why the last probe failed, or {@code null}. */
    public String healthProblem()
    {
        return healthProblem;
    }

    /** Records a probe's verdict; returns whether the health changed. */
    boolean health(boolean nowHealthy, String problem)
    {
        boolean changed = healthy != nowHealthy;
        healthy = nowHealthy;
        healthProblem = problem;
        return changed;
    }

    /** Whether the cluster may get queries: healthy and its breaker lets requests through. */
    boolean isAvailable()
    {
        return healthy && breaker.allowsRequest();
    }

    /**
     * Feeds a query's outcome to the breaker. Only failures of the engine count; a user's SQL error or
     * a cancel says nothing about the cluster.
     */
    void recordOutcome(QueryFluxException error, boolean probe)
    {
        if (error == null) {
            breaker.recordSuccess(probe);
        }
        else if (isEngineFailure(error.errorCode())) {
            breaker.recordFailure(probe);
        }
        else {
            breaker.recordNeutral(probe);
        }
    }

    private static boolean isEngineFailure(ErrorCode code)
    {
        return code.type() == ErrorType.EXTERNAL || (code.type() == ErrorType.INTERNAL_ERROR && code != ErrorCode.SERVER_SHUTTING_DOWN);
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

    /** Takes a place; returns whether the query is the breaker's half-open probe. */
    boolean acquire()
    {
        running++;
        return breaker.onRequest();
    }

    void release()
    {
        running--;
    }
}
