package io.queryflux.core.internal.trino;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The encoded pages of one query that are ready and not yet taken by its client. The producer waits
 * while {@code capacity} pages are unread, so memory stays bounded whatever the result size.
 *
 * <p>Guarded by the query's lock: callers hold it, except for the two reads the producer makes
 * between rows ({@link #isClosed()}, {@link #isFlushRequested()}).
 */
final class PageBuffer
{
    private final int capacity;
    private final Condition pageTaken;
    private final ArrayDeque<Page> ready = new ArrayDeque<>();
    private volatile boolean closed;
    private volatile boolean flushRequested;

    PageBuffer(ReentrantLock lock, int capacity)
    {
        this.capacity = capacity;
        this.pageTaken = lock.newCondition();
    }

    /**
     * Adds {@code page}; with {@code waitForRoom}, first waits while {@code capacity} pages are unread.
     *
     * @return {@code false}, adding nothing, when the buffer is or gets closed
     */
    boolean offer(Page page, boolean waitForRoom)
            throws InterruptedException
    {
        while (waitForRoom && ready.size() >= capacity && !closed) {
            pageTaken.await();
        }
        if (closed) {
            return false;
        }
        ready.addLast(page);
        flushRequested = false;
        return true;
    }

    /** The oldest ready page, or {@code null}; taking one lets a waiting producer go on. */
    Page take()
    {
        Page page = ready.pollFirst();
        if (page != null) {
            pageTaken.signalAll();
        }
        return page;
    }

    boolean isEmpty()
    {
        return ready.isEmpty();
    }

    /** Drops the ready pages and refuses further ones; a waiting producer gives up. */
    void close()
    {
        closed = true;
        ready.clear();
        pageTaken.signalAll();
    }

    boolean isClosed()
    {
        return closed;
    }

    /** A poll ran out of time with nothing ready: the producer sends the rows it has without filling the page. */
    void requestFlush()
    {
        flushRequested = true;
    }

    boolean isFlushRequested()
    {
        return flushRequested;
    }
}
