package io.queryflux.core.internal.trino;

import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryObserver;
import io.queryflux.spi.RelayLease;
import io.queryflux.spi.SessionChange;
import io.queryflux.spi.TrinoType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One query of a Trino client, served in pages. The backend pushes rows in on its thread; they are
 * encoded into pages of about {@code targetPageBytes} and held in a {@link PageBuffer} until the
 * client takes them through {@link ClientPolls}. A query admitted to a Trino cluster instead goes to
 * the relay through {@link RelayHandoff}. One lock guards them all, with the {@link QueryStatus}:
 * each change is made under it, and parked polls are woken after it is released.
 */
final class TrinoQuery
        implements QueryObserver
{
    private static final List<Column> UPDATE_COLUMNS = List.of(new Column("rows", TrinoType.BIGINT));

    private final String sql;
    private final TrinoHttpSettings settings;
    private volatile QueryExecution execution;

    private final ReentrantLock lock = new ReentrantLock();
    private final QueryStatus status;
    private final PageBuffer pages;
    private final RelayHandoff handoff;
    private final ClientPolls polls;

    // Touched only by the producing thread.
    private PageBuilder pageBuilder;

    TrinoQuery(String sql, List<String> warnings, TrinoHttpSettings settings, PollResponder responder, RelayHandoff.RelayStarter relayStarter)
    {
        this.sql = sql;
        this.settings = settings;
        long createdNanos = System.nanoTime();
        this.status = new QueryStatus(warnings, createdNanos);
        this.pages = new PageBuffer(lock, settings.bufferedPages());
        this.handoff = new RelayHandoff(relayStarter, responder, this::execution);
        this.polls = new ClientPolls(lock, status, pages, handoff, responder, this::execution, createdNanos);
    }

    void attach(QueryExecution execution)
    {
        this.execution = execution;
    }

    QueryExecution execution()
    {
        return execution;
    }

    // ---- producer side (QueryObserver) ----

    @Override
    public void started(String group, String cluster)
    {
        lock.lock();
        try {
            status.started(System.nanoTime());
        }
        finally {
            lock.unlock();
        }
        polls.wake();
    }

    /** Admitted to a Trino cluster: the client's next request to this query is relayed there. */
    @Override
    public boolean relay(Passthrough cluster, RelayLease lease)
    {
        lock.lock();
        try {
            handoff.admitted(cluster, lease);
        }
        finally {
            lock.unlock();
        }
        polls.wake();
        return true;
    }

    @Override
    public void columns(List<Column> columns)
    {
        pageBuilder = new PageBuilder(columns, settings.targetPageBytes(), settings.maxPageRows());
        String json = ColumnsJson.encode(columns);
        lock.lock();
        try {
            status.columns(json);
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void row(Object[] values)
    {
        if (pages.isClosed()) {
            throw canceled();
        }
        pageBuilder.append(values);
        status.countRow();
        if (pageBuilder.isFull() || pages.isFlushRequested()) {
            publish(pageBuilder.finish(), true);
        }
    }

    @Override
    public void updateCount(long count)
    {
        // Known before the page that carries the count, which JDBC reads as an update.
        lock.lock();
        try {
            status.updated(UpdateType.of(sql), count);
        }
        finally {
            lock.unlock();
        }
        columns(UPDATE_COLUMNS);
        row(new Object[] {count});
    }

    @Override
    public void sessionChanged(SessionChange change)
    {
        Map.Entry<String, String> header = SessionHeaders.of(change);
        lock.lock();
        try {
            status.sessionChanged(header);
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void finished()
    {
        if (pageBuilder != null && pageBuilder.rows() > 0) {
            // The last page does not wait for room: the query holds no slot any more.
            publish(pageBuilder.finish(), false);
        }
        lock.lock();
        try {
            status.finished();
        }
        finally {
            lock.unlock();
        }
        polls.wake();
    }

    @Override
    public void failed(QueryFluxException failure)
    {
        lock.lock();
        try {
            status.failed(failure);
            pages.close();
        }
        finally {
            lock.unlock();
        }
        polls.wake();
    }

    private void publish(Page page, boolean waitForRoom)
    {
        lock.lock();
        try {
            if (!pages.offer(page, waitForRoom)) {
                throw canceled();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw canceled();
        }
        finally {
            lock.unlock();
        }
        polls.wake();
    }

    // ---- client side ----

    /**
     * Whether the query was admitted to a Trino cluster while its POST was still being answered; if so,
     * the caller relays the POST itself with {@link #startRelay}.
     */
    boolean claimRelay()
    {
        lock.lock();
        try {
            return handoff.claim();
        }
        finally {
            lock.unlock();
        }
    }

    void startRelay(HttpExchange exchange)
    {
        handoff.start(exchange);
    }

    /** The answer to the POST that created the query; see {@link ClientPolls#submitted}. */
    ResponseBody submitted(String baseUri)
    {
        return polls.submitted(baseUri);
    }

    void poll(PendingPoll poll)
    {
        polls.poll(poll);
    }

    void touch()
    {
        polls.touch();
    }

    long idleNanos(long now)
    {
        return polls.idleNanos(now);
    }

    boolean isDone()
    {
        return polls.isDone();
    }

    /** The client cancelled: stop producing and answer further polls with the cancellation. */
    void cancelledByClient()
    {
        failed(canceled());
    }

    /** Frees the pages and any parked poll, for a query being forgotten. */
    void discard()
    {
        failed(new QueryFluxException(ErrorCode.ABANDONED_QUERY, "Query " + execution.queryId() + " was abandoned by its client"));
    }

    private static QueryFluxException canceled()
    {
        return new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled");
    }
}
