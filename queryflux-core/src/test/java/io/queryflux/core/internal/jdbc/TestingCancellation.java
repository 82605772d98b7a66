package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.Cancellation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Cancellation} a test triggers itself; it also tells when a backend has registered its
 * cancel action, i.e. when the statement is about to run.
 */
class TestingCancellation
        implements Cancellation
{
    private final List<Runnable> actions = new ArrayList<>(); // guarded by this
    private final CountDownLatch registered = new CountDownLatch(1);
    private final boolean reportsCancellation;
    private boolean cancelled; // guarded by this

    TestingCancellation()
    {
        this(true);
    }

    private TestingCancellation(boolean reportsCancellation)
    {
        this.reportsCancellation = reportsCancellation;
    }

    /** Runs the cancel actions but never admits being cancelled: only the actions can stop a query. */
    static TestingCancellation actionsOnly()
    {
        return new TestingCancellation(false);
    }

    @Override
    public synchronized boolean isCancelled()
    {
        return cancelled && reportsCancellation;
    }

    @Override
    public void onCancel(Runnable action)
    {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                actions.add(action);
            }
        }
        registered.countDown();
        if (runNow) {
            action.run();
        }
    }

    void cancel()
    {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    boolean awaitRegistration(Duration timeout)
            throws InterruptedException
    {
        return registered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
