package io.queryflux.core.internal.trino;

import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryObserver;
import io.queryflux.spi.RelayLease;
import io.queryflux.spi.SessionChange;
import io.queryflux.spi.TrinoType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One query of a Trino client, served in pages. The backend pushes rows in on its thread; they are
 * encoded into pages of about {@code targetPageBytes}, and the producer waits while
 * {@code bufferedPages} pages are ready and unread, so memory stays bounded whatever the result size.
 *
 * <p>The client reads with tokens: token {@code n+1} takes the next page, and asking for token
 * {@code n} again returns the same bytes (clients retry on 502/503/504). A poll that finds nothing
 * ready parks, without a thread, until a page is ready or {@code maxWait} passes.
 */
final class TrinoQuery
        implements QueryObserver
{
    private static final List<Column> UPDATE_COLUMNS = List.of(new Column("rows", TrinoType.BIGINT));

    private final String sql;
    private final TrinoHttpSettings settings;
    private final PollResponder responder;
    private final RelayStarter relayStarter;
    private final List<String> warnings;
    private final long createdNanos = System.nanoTime();
    private volatile long lastAccessNanos = createdNanos;
    private volatile QueryExecution execution;

    // Touched only by the producing thread.
    private PageBuilder pageBuilder;
    private volatile boolean flushRequested;
    private volatile long producedRows;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pageTaken = lock.newCondition();
    private final ArrayDeque<Page> ready = new ArrayDeque<>();
    private final List<PendingPoll> pending = new ArrayList<>();
    private final List<Map.Entry<String, String>> sessionHeaders = new ArrayList<>();
    private String columnsJson;
    private long startedNanos;
    private boolean producerDone;
    private boolean closed;
    private QueryFluxException error;
    private String updateType;
    private Long updateCount;
    private long servedToken = -1;
    private ResponseBody lastResponse;
    private boolean finalServed;
    private boolean lastServedQueued;
    private Passthrough relayCluster;
    private RelayLease relayLease;
    private boolean relayStarted;

    TrinoQuery(String sql, List<String> warnings, TrinoHttpSettings settings, PollResponder responder, RelayStarter relayStarter)
    {
        this.sql = sql;
        this.warnings = List.copyOf(warnings);
        this.settings = settings;
        this.responder = responder;
        this.relayStarter = relayStarter;
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
            startedNanos = System.nanoTime();
        }
        finally {
            lock.unlock();
        }
        wakePending();
    }

    /** Admitted to a Trino cluster: the client's next request to this query is relayed there. */
    @Override
    public boolean relay(Passthrough cluster, RelayLease lease)
    {
        lock.lock();
        try {
            relayCluster = cluster;
            relayLease = lease;
        }
        finally {
            lock.unlock();
        }
        wakePending();
        return true;
    }

    /**
     * Whether the query was admitted to a Trino cluster while its POST was still being answered; if so,
     * the caller relays the POST itself.
     */
    boolean claimRelay()
    {
        lock.lock();
        try {
            if (relayCluster == null || relayStarted) {
                return false;
            }
            relayStarted = true;
            return true;
        }
        finally {
            lock.unlock();
        }
    }

    void startRelay(HttpExchange exchange)
    {
        relayStarter.start(exchange, execution.session().user(), relayCluster, relayLease);
    }

    @Override
    public void columns(List<Column> columns)
    {
        pageBuilder = new PageBuilder(columns, settings.targetPageBytes(), settings.maxPageRows());
        String json = ColumnsJson.encode(columns);
        lock.lock();
        try {
            columnsJson = json;
        }
        finally {
            lock.unlock();
        }
    }

    @Override
    public void row(Object[] values)
    {
        if (closed) {
            throw canceled();
        }
        pageBuilder.append(values);
        producedRows++;
        if (pageBuilder.isFull() || flushRequested) {
            publish(pageBuilder.finish(), true);
        }
    }

    @Override
    public void updateCount(long count)
    {
        // Known before the page that carries the count, which JDBC reads as an update.
        lock.lock();
        try {
            updateType = UpdateType.of(sql);
            updateCount = count;
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
            sessionHeaders.add(header);
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
            producerDone = true;
        }
        finally {
            lock.unlock();
        }
        wakePending();
    }

    @Override
    public void failed(QueryFluxException failure)
    {
        lock.lock();
        try {
            if (error == null && !producerDone) {
                error = failure;
            }
            closed = true;
            ready.clear();
            pageTaken.signalAll();
        }
        finally {
            lock.unlock();
        }
        wakePending();
    }

    private void publish(Page page, boolean waitForRoom)
    {
        lock.lock();
        try {
            while (waitForRoom && ready.size() >= settings.bufferedPages() && !closed) {
                pageTaken.await();
            }
            if (closed) {
                throw canceled();
            }
            ready.addLast(page);
            flushRequested = false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw canceled();
        }
        finally {
            lock.unlock();
        }
        wakePending();
    }

    // ---- client side ----

    /**
     * The answer to the POST that created the query (token 0): never rows and never final, because
     * some clients (the JS client) read no data from it and all of them expect a {@code nextUri}.
     */
    ResponseBody submitted(String baseUri)
    {
        lock.lock();
        try {
            return respond(0, baseUri, null, false);
        }
        finally {
            lock.unlock();
        }
    }

    /** Serves token {@code token}: at once when its page is ready, else when it becomes ready or the wait ends. */
    void poll(PendingPoll poll)
    {
        touch();
        ResponseBody body = null;
        lock.lock();
        try {
            if (relayCluster != null) {
                if (relayStarted || poll.token != servedToken + 1) {
                    throw new QueryFluxException(ErrorCode.PAGE_GONE, "Query " + queryId() + " was handed to Trino; follow the nextUri Trino gave");
                }
                relayStarted = true;
            }
            else if (poll.token == servedToken && lastResponse != null) {
                body = lastResponse;
            }
            else if (poll.token == servedToken + 1 && !finalServed) {
                if (!answerable()) {
                    pending.add(poll);
                    poll.timeout = responder.schedule(() -> expire(poll), poll.maxWaitMillis, TimeUnit.MILLISECONDS);
                    return;
                }
                body = advance(poll.token, poll.baseUri);
            }
            else if (poll.token < servedToken) {
                throw new QueryFluxException(ErrorCode.PAGE_GONE, "Token " + poll.token + " of query " + queryId() + " was already served; the current token is " + servedToken);
            }
            else {
                throw new QueryFluxException(ErrorCode.QUERY_NOT_FOUND, "Query " + queryId() + " has no token " + poll.token);
            }
        }
        finally {
            lock.unlock();
        }
        if (body == null) {
            relayStarter.start(poll.exchange, execution.session().user(), relayCluster, relayLease);
            return;
        }
        responder.respondNow(poll.exchange, body);
    }

    void touch()
    {
        lastAccessNanos = System.nanoTime();
    }

    /** How long the client has been silent; a client waiting in a long poll is not. */
    long idleNanos(long now)
    {
        lock.lock();
        try {
            return pending.isEmpty() ? now - lastAccessNanos : 0;
        }
        finally {
            lock.unlock();
        }
    }

    /** Whether the client has had the final page, or the query was stopped. */
    boolean isDone()
    {
        lock.lock();
        try {
            return finalServed || closed || relayStarted;
        }
        finally {
            lock.unlock();
        }
    }

    /** The client cancelled: stop producing and answer further polls with the cancellation. */
    void cancelledByClient()
    {
        failed(canceled());
    }

    /** Frees the pages and any parked poll, for a query being forgotten. */
    void discard()
    {
        failed(new QueryFluxException(ErrorCode.ABANDONED_QUERY, "Query " + queryId() + " was abandoned by its client"));
    }

    private void expire(PendingPoll poll)
    {
        List<PendingPoll> answered;
        ResponseBody body;
        lock.lock();
        try {
            if (!pending.contains(poll)) {
                return;
            }
            // Rows trickling in slowly are sent with the next poll rather than held for a full page.
            flushRequested = true;
            body = advance(poll.token, poll.baseUri);
            answered = List.copyOf(pending);
            pending.clear();
        }
        finally {
            lock.unlock();
        }
        answered.forEach(each -> responder.respondLater(each, body));
    }

    private void wakePending()
    {
        List<PendingPoll> answered;
        ResponseBody body;
        lock.lock();
        try {
            if (!pending.isEmpty() && relayCluster != null && !relayStarted) {
                handToRelay();
                return;
            }
            if (pending.isEmpty() || !answerable()) {
                return;
            }
            PendingPoll first = pending.get(0);
            body = advance(first.token, first.baseUri);
            answered = List.copyOf(pending);
            pending.clear();
        }
        finally {
            lock.unlock();
        }
        answered.forEach(each -> responder.respondLater(each, body));
    }

    // Guarded by lock. The newest parked poll carries the relay; older ones are stale retries.
    private void handToRelay()
    {
        relayStarted = true;
        PendingPoll newest = pending.remove(pending.size() - 1);
        List<PendingPoll> stale = List.copyOf(pending);
        pending.clear();
        newest.timeout.cancel(false);
        stale.forEach(poll -> poll.timeout.cancel(false));
        responder.execute(() -> {
            stale.forEach(poll -> ErrorResponses.send(poll.exchange, new QueryFluxException(ErrorCode.PAGE_GONE, "A newer request took over this query"), queryId()));
            relayStarter.start(newest.exchange, execution.session().user(), relayCluster, relayLease);
        });
    }

    // Guarded by lock.
    private boolean answerable()
    {
        return !ready.isEmpty() || error != null || producerDone || (lastServedQueued && startedNanos != 0);
    }

    // Guarded by lock. Builds the response for token, taking the next ready page.
    private ResponseBody advance(long token, String baseUri)
    {
        Page page = ready.pollFirst();
        if (page != null) {
            pageTaken.signalAll();
        }
        return respond(token, baseUri, page, page == null && (error != null || producerDone));
    }

    // Guarded by lock.
    private ResponseBody respond(long token, String baseUri, Page page, boolean terminal)
    {
        boolean queued = startedNanos == 0 && !terminal;
        String state = terminal ? (error != null ? "FAILED" : "FINISHED") : queued ? "QUEUED" : "RUNNING";
        long now = System.nanoTime();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(now - createdNanos);
        long queuedMillis = TimeUnit.NANOSECONDS.toMillis((startedNanos == 0 ? now : startedNanos) - createdNanos);
        ResponseBody body = QueryResultsWriter.write(new QueryResultsWriter.QueryResults(
                queryId(),
                TrinoUris.info(baseUri, queryId()),
                terminal ? null : TrinoUris.next(baseUri, queryId(), queued, token + 1),
                columnsJson,
                page,
                state,
                queuedMillis,
                elapsedMillis,
                producedRows,
                terminal ? error : null,
                updateType,
                updateCount,
                warnings));
        if (!sessionHeaders.isEmpty()) {
            // Trino clients read Set-Catalog and Set-Schema afresh from every page, so once an engine
            // changed the session, every later page says so, as Trino's own pages do.
            body = body.withHeaders(sessionHeaders);
        }
        servedToken = token;
        lastResponse = body;
        finalServed = terminal;
        lastServedQueued = queued;
        return body;
    }

    private String queryId()
    {
        return execution.queryId();
    }

    private static QueryFluxException canceled()
    {
        return new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled");
    }

    /** Starts relaying this query to a Trino cluster, answering {@code exchange} with Trino's first page. */
    @FunctionalInterface
    interface RelayStarter
    {
        void start(HttpExchange exchange, String user, Passthrough cluster, RelayLease lease);
    }
}
