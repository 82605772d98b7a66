package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.Cancellation;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single write turn of one Firebolt engine, which allows only one write transaction at a time.
 * Writers wait in FIFO order, give up after a bound or when their query is cancelled, and a turn may
 * be released by any thread (an explicit transaction holds it across statements run on different
 * threads, which rules out {@link ReentrantLock} as the turn itself).
 */
final class WriteTurn
{
    private final String clusterName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Turn> waiting = new ArrayDeque<>(); // guarded by lock
    private Turn holder; // guarded by lock

    WriteTurn(String clusterName)
    {
        this.clusterName = clusterName;
    }

    /** Waits for the turn, at most {@code timeout}; the caller must {@link Turn#release()} it. */
    Turn acquire(Duration timeout, Cancellation cancellation)
    {
        Turn turn = new Turn();
        cancellation.onCancel(this::wakeAll);
        lock.lock();
        try {
            waiting.addLast(turn);
            long remaining = timeout.toNanos();
            while (holder != null || waiting.peekFirst() != turn) {
                if (cancellation.isCancelled()) {
                    giveUp(turn);
                    throw new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled");
                }
                if (remaining <= 0) {
                    giveUp(turn);
                    throw new QueryFluxException(ErrorCode.EXCEEDED_TIME_LIMIT, "Firebolt cluster " + clusterName + " runs one write at a time, and this write waited "
                            + timeout.toMillis() + " ms for its turn behind other writes or an open write transaction (writeWaitTimeout)");
                }
                remaining = changed.awaitNanos(remaining);
            }
            waiting.removeFirst();
            holder = turn;
            return turn;
        }
        catch (InterruptedException e) {
            giveUp(turn);
            Thread.currentThread().interrupt();
            throw new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled");
        }
        finally {
            lock.unlock();
        }
    }

    /** How many writes wait for the turn. */
    int waiting()
    {
        lock.lock();
        try {
            return waiting.size();
        }
        finally {
            lock.unlock();
        }
    }

    /** Whether a write (or a write transaction) holds the turn. */
    boolean isHeld()
    {
        lock.lock();
        try {
            return holder != null;
        }
        finally {
            lock.unlock();
        }
    }

    // Guarded by lock. The next writer may be the one behind this one.
    private void giveUp(Turn turn)
    {
        waiting.remove(turn);
        changed.signalAll();
    }

    private void wakeAll()
    {
        lock.lock();
        try {
            changed.signalAll();
        }
        finally {
            lock.unlock();
        }
    }

    /** A held turn; releasing it more than once has no further effect. */
    final class Turn
    {
        private Turn() {}

        void release()
        {
            lock.lock();
            try {
                if (holder == this) {
                    holder = null;
                    changed.signalAll();
                }
            }
            finally {
                lock.unlock();
            }
        }
    }
}
