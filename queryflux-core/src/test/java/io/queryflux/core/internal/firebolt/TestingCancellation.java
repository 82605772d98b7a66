package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.Cancellation;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Cancellation} a test triggers itself.
 */
class TestingCancellation
        implements Cancellation
{
    private final List<Runnable> actions = new ArrayList<>(); // guarded by this
    private boolean cancelled; // guarded by this

    @Override
    public synchronized boolean isCancelled()
    {
        return cancelled;
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
}
