package io.queryflux.core.internal.trino;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names threads {@code <prefix>-N} and makes them daemons, so they never keep a JVM alive.
 */
final class DaemonThreadFactory
        implements ThreadFactory
{
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    DaemonThreadFactory(String prefix)
    {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task)
    {
        Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
