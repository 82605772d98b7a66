package io.queryflux.core.internal.trino;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serves a paged query's client. The client reads with tokens: token {@code n+1} takes the next page,
 * and asking for token {@code n} again returns the same bytes (clients retry on 502/503/504). A poll
 * that finds nothing ready parks, without a thread, until a page is ready or {@code maxWait} passes.
 *
 * <p>Shares the query's lock with the {@link PageBuffer}, {@link QueryStatus} and {@link RelayHandoff}
 * it reads; whoever changes those calls {@link #wake()} after releasing the lock.
 */
final class ClientPolls
{
    private final ReentrantLock lock;
    private final QueryStatus status;
    private final PageBuffer pages;
    private final RelayHandoff handoff;
    private final PollResponder responder;
    private final Supplier<QueryExecution> execution;
    private volatile long lastAccessNanos;

    // Guarded by lock.
    private final List<PendingPoll> pending = new ArrayList<>();
    private long servedToken = -1;
    private ResponseBody lastResponse;
    private boolean finalServed;
    private boolean lastServedQueued;

    ClientPolls(ReentrantLock lock, QueryStatus status, PageBuffer pages, RelayHandoff handoff, PollResponder responder, Supplier<QueryExecution> execution, long createdNanos)
    {
        this.lock = lock;
        this.status = status;
        this.pages = pages;
        this.handoff = handoff;
        this.responder = responder;
        this.execution = execution;
        this.lastAccessNanos = createdNanos;
    }

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
            if (handoff.isAdmitted()) {
                handoff.claimForPoll(poll.token == servedToken + 1);
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
            handoff.start(poll.exchange);
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

    /** Whether the client has had the final page, or the query was stopped or relayed. */
    boolean isDone()
    {
        lock.lock();
        try {
            return finalServed || pages.isClosed() || handoff.isStarted();
        }
        finally {
            lock.unlock();
        }
    }

    /** Answers the parked polls if the query's progress lets them be answered, or hands them to the relay. */
    void wake()
    {
        List<PendingPoll> answered;
        ResponseBody body;
        lock.lock();
        try {
            if (!pending.isEmpty() && handoff.isWaiting()) {
                handoff.handOver(List.copyOf(pending));
                pending.clear();
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
            pages.requestFlush();
            body = advance(poll.token, poll.baseUri);
            answered = List.copyOf(pending);
            pending.clear();
        }
        finally {
            lock.unlock();
        }
        answered.forEach(each -> responder.respondLater(each, body));
    }

    // Guarded by lock.
    private boolean answerable()
    {
        return !pages.isEmpty() || status.isOver() || (lastServedQueued && status.isStarted());
    }

    // Guarded by lock. Builds the response for token, taking the next ready page.
    private ResponseBody advance(long token, String baseUri)
    {
        Page page = pages.take();
        return respond(token, baseUri, page, page == null && status.isOver());
    }

    // Guarded by lock.
    private ResponseBody respond(long token, String baseUri, Page page, boolean terminal)
    {
        ResponseBody body = status.results(queryId(), token, baseUri, page, terminal);
        servedToken = token;
        lastResponse = body;
        finalServed = terminal;
        lastServedQueued = !terminal && !status.isStarted();
        return body;
    }

    private String queryId()
    {
        return execution.get().queryId();
    }
}
