package io.queryflux.core.internal.engine;

import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryObserver;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.QueryState;
import io.queryflux.spi.RelayLease;
import io.queryflux.spi.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One query inside the engine, from admission to its end. It owns the query's {@link Slot} and
 * releases it on every path: finished, failed, cancelled while queued or while running, or timed
 * out in the queue. The observer hears exactly one of finished or failed; a cancel is reported at
 * once (so a producer blocked on a slow client is freed), while the slot is released only when the
 * backend has really stopped.
 */
final class ManagedQuery
        implements QueryExecution, Cancellation, AdmissionListener
{
    private static final Logger log = LoggerFactory.getLogger(ManagedQuery.class);

    private final QueryRequest request;
    private final RoutingTrace routingTrace;
    private final ClusterGroup group;
    private final QueryObserver observer;
    private final Executor executor;
    private final Consumer<ManagedQuery> onDone;

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final List<Runnable> cancelActions = new ArrayList<>();
    private volatile QueryState state = QueryState.QUEUED;
    private volatile ClusterGroup.Admission admission;
    private volatile Slot relaySlot;

    ManagedQuery(QueryRequest request, RoutingTrace routingTrace, ClusterGroup group, QueryObserver observer, Executor executor, Consumer<ManagedQuery> onDone)
    {
        this.request = request;
        this.routingTrace = routingTrace;
        this.group = group;
        this.observer = observer;
        this.executor = executor;
        this.onDone = onDone;
    }

    /** Asks the group for room; runs at once when there is some. */
    void admit()
    {
        admission = group.admit(request.queryId(), this);
    }

    @Override
    public void granted(Slot slot)
    {
        if (cancelled.get()) {
            slot.release();
            return;
        }
        state = QueryState.RUNNING;
        try {
            observer.started(group.name(), slot.cluster().name());
            if (relayed(slot)) {
                return;
            }
            executor.execute(() -> run(slot));
        }
        catch (RejectedExecutionException e) {
            slot.release();
            fail(new QueryFluxException(ErrorCode.SERVER_SHUTTING_DOWN, "QueryFlux is shutting down"));
        }
    }

    // An engine that speaks the client's protocol is relayed by the frontend, which then owns the
    // slot through a lease; a cancel releases it too.
    private boolean relayed(Slot slot)
    {
        Optional<Passthrough> passthrough = slot.cluster().backend().passthrough()
                .filter(candidate -> candidate.protocol().equals(request.session().protocol()));
        if (passthrough.isEmpty()) {
            return false;
        }
        relaySlot = slot;
        RelayLease lease = new RelayLease()
        {
            @Override
            public void finished()
            {
                slot.release(null);
                finish();
            }

            @Override
            public void failed(QueryFluxException error)
            {
                slot.release(error);
                fail(error);
            }
        };
        if (observer.relay(passthrough.get(), lease)) {
            return true;
        }
        relaySlot = null;
        return false;
    }

    @Override
    public void rejected(QueryFluxException error)
    {
        fail(error);
    }

    private void run(Slot slot)
    {
        QueryFluxException failure = null;
        try {
            slot.cluster().backend().execute(request, observer, this);
        }
        catch (QueryFluxException e) {
            failure = e;
        }
        catch (RuntimeException | Error e) {
            log.error("Query {} failed inside backend of cluster {}", request.queryId(), slot.cluster().name(), e);
            failure = new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Backend " + slot.cluster().name() + " failed: " + e, e);
        }
        finally {
            // Free the slot before telling the client, so its next query finds the room.
            if (cancelled.get()) {
                slot.release();
            }
            else {
                slot.release(failure);
            }
        }
        if (cancelled.get()) {
            fail(canceled());
        }
        else if (failure != null) {
            fail(failure);
        }
        else {
            finish();
        }
    }

    @Override
    public void cancel()
    {
        terminate(canceled());
    }

    /** Stops the query for {@code reason}: it leaves the queue, or its backend is told to stop. */
    void terminate(QueryFluxException reason)
    {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        ClusterGroup.Admission waiting = admission;
        if (waiting != null) {
            waiting.withdraw();
        }
        List<Runnable> actions;
        synchronized (cancelActions) {
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
        }
        actions.forEach(ManagedQuery::runQuietly);
        Slot relayed = relaySlot;
        if (relayed != null) {
            relayed.release();
        }
        fail(reason);
    }

    @Override
    public boolean isCancelled()
    {
        return cancelled.get();
    }

    @Override
    public void onCancel(Runnable action)
    {
        synchronized (cancelActions) {
            if (!cancelled.get()) {
                cancelActions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    private void finish()
    {
        if (terminated.compareAndSet(false, true)) {
            state = QueryState.FINISHED;
            onDone.accept(this);
            observer.finished();
        }
    }

    private void fail(QueryFluxException error)
    {
        if (terminated.compareAndSet(false, true)) {
            state = QueryState.FAILED;
            onDone.accept(this);
            observer.failed(error);
        }
    }

    private static QueryFluxException canceled()
    {
        return new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled");
    }

    private static void runQuietly(Runnable action)
    {
        try {
            action.run();
        }
        catch (RuntimeException e) {
            log.debug("Cancel action failed", e);
        }
    }

    @Override
    public String queryId()
    {
        return request.queryId();
    }

    /** Which router chose the query's group, and why. */
    RoutingTrace routingTrace()
    {
        return routingTrace;
    }

    @Override
    public QueryState state()
    {
        return state;
    }

    @Override
    public String group()
    {
        return group.name();
    }

    @Override
    public SessionContext session()
    {
        return request.session();
    }
}
