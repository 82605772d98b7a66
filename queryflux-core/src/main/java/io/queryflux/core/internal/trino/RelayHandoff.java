package io.queryflux.core.internal.trino;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.RelayLease;

import java.util.List;
import java.util.function.Supplier;

/**
 * Hands a query admitted to a Trino cluster over to the relay. Exactly one client request starts
 * the relay, which takes the lease with it: the POST if it is still being answered, else the next
 * poll, parked or not. Guarded by the query's lock, except {@link #start}.
 */
final class RelayHandoff
{
    private final RelayStarter relayStarter;
    private final PollResponder responder;
    private final Supplier<QueryExecution> execution;

    private Passthrough cluster;
    private RelayLease lease;
    private boolean started;

    RelayHandoff(RelayStarter relayStarter, PollResponder responder, Supplier<QueryExecution> execution)
    {
        this.relayStarter = relayStarter;
        this.responder = responder;
        this.execution = execution;
    }

    void admitted(Passthrough cluster, RelayLease lease)
    {
        this.cluster = cluster;
        this.lease = lease;
    }

    /** Whether the query was admitted to a Trino cluster, relayed or not yet. */
    boolean isAdmitted()
    {
        return cluster != null;
    }

    boolean isStarted()
    {
        return started;
    }

    /** Whether the query was admitted and no request has taken it to the relay yet. */
    boolean isWaiting()
    {
        return cluster != null && !started;
    }

    /** Takes the relay for the caller, if it is waiting; the caller then {@linkplain #start starts} it. */
    boolean claim()
    {
        if (!isWaiting()) {
            return false;
        }
        started = true;
        return true;
    }

    /**
     * Takes the relay for a poll of an admitted query; the caller then {@linkplain #start starts} it.
     *
     * @param nextToken whether the poll asks for the token after the last one served
     * @throws QueryFluxException PAGE_GONE when the relay already started or the token is not the next
     */
    void claimForPoll(boolean nextToken)
    {
        if (started || !nextToken) {
            throw new QueryFluxException(ErrorCode.PAGE_GONE, "Query " + queryId() + " was handed to Trino; follow the nextUri Trino gave");
        }
        started = true;
    }

    /**
     * Takes the relay for the polls parked when the query was admitted. The newest carries the relay;
     * older ones are stale retries and are answered PAGE_GONE. Both are answered off the lock.
     */
    void handOver(List<PendingPoll> parked)
    {
        started = true;
        PendingPoll newest = parked.get(parked.size() - 1);
        List<PendingPoll> stale = List.copyOf(parked.subList(0, parked.size() - 1));
        newest.timeout.cancel(false);
        stale.forEach(poll -> poll.timeout.cancel(false));
        responder.execute(() -> {
            stale.forEach(poll -> ErrorResponses.send(poll.exchange, new QueryFluxException(ErrorCode.PAGE_GONE, "A newer request took over this query"), queryId()));
            start(newest.exchange);
        });
    }

    /** Relays the query, answering {@code exchange} with Trino's first page; only after a claim or hand-over. */
    void start(HttpExchange exchange)
    {
        relayStarter.start(exchange, execution.get().session().user(), cluster, lease);
    }

    private String queryId()
    {
        return execution.get().queryId();
    }

    /** Starts relaying a query to a Trino cluster, answering {@code exchange} with Trino's first page. */
    @FunctionalInterface
    interface RelayStarter
    {
        void start(HttpExchange exchange, String user, Passthrough cluster, RelayLease lease);
    }
}
