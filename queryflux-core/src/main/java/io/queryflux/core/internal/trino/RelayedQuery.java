package io.queryflux.core.internal.trino;

import io.queryflux.spi.Credentials;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.RelayLease;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A query relayed to a Trino cluster, known by Trino's query id. It holds the query's capacity lease
 * until Trino sends the final page, fails, is cancelled, or the client stops polling; the lease ends
 * exactly once.
 */
final class RelayedQuery
        implements StatementOwner
{
    private final String trinoQueryId;
    private final Passthrough cluster;
    private final RelayLease lease;
    private final String user;
    private final Credentials credentials;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastAccessNanos = System.nanoTime();
    private volatile String lastNextUri;

    RelayedQuery(String trinoQueryId, Passthrough cluster, RelayLease lease, String user, Credentials credentials)
    {
        this.trinoQueryId = trinoQueryId;
        this.cluster = cluster;
        this.lease = lease;
        this.user = user;
        this.credentials = credentials;
    }

    @Override
    public String trinoQueryId()
    {
        return trinoQueryId;
    }

    @Override
    public Passthrough cluster()
    {
        return cluster;
    }

    @Override
    public String onNextUri(String original, String base)
    {
        lastNextUri = original;
        return TrinoRelay.rewriteNextUri(original, base);
    }

    /**
     * A 404 for the query's current page means Trino has forgotten the query. An old or made-up
     * token (404/410) only fails that request; the query goes on.
     */
    @Override
    public boolean endsOn(int status, String requestPath)
    {
        String current = lastNextUri;
        return status == 404 && current != null && URI.create(current).getRawPath().equals(requestPath);
    }

    @Override
    public void ended(QueryFluxException error)
    {
        if (error == null) {
            finished();
        }
        else {
            failed(error);
        }
    }

    String user()
    {
        return user;
    }

    Credentials credentials()
    {
        return credentials;
    }

    void touch()
    {
        lastAccessNanos = System.nanoTime();
    }

    long idleNanos(long now)
    {
        return now - lastAccessNanos;
    }

    /** Trino's own URI of the next page, to cancel the query with when its client is gone. */
    String lastNextUri()
    {
        return lastNextUri;
    }

    boolean isEnded()
    {
        return ended.get();
    }

    void finished()
    {
        if (ended.compareAndSet(false, true)) {
            lease.finished();
        }
    }

    void failed(QueryFluxException error)
    {
        if (ended.compareAndSet(false, true)) {
            lease.failed(error);
        }
    }
}
