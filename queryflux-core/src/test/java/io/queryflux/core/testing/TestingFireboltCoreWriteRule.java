package io.queryflux.core.testing;

import io.queryflux.core.testing.TestingFireboltCoreErrors.Failure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Firebolt's single-writer rule for {@link TestingFireboltCore}: any number of reads, but one write
 * transaction at a time on the whole engine; a write that arrives while another is active is
 * rejected, not queued. Tests may also hold writes inside the engine (while they keep the write
 * transaction) to see what happens meanwhile.
 */
final class TestingFireboltCoreWriteRule
{
    private final AtomicInteger rejectedWrites = new AtomicInteger();
    private final AtomicInteger writesAtGate = new AtomicInteger();
    private Object writer; // guarded by this
    private volatile CountDownLatch gate;

    /** Starts a write of {@code owner} (a statement, or a transaction that may write again), or rejects it. */
    synchronized void begin(Object owner)
    {
        if (writer != null && writer != owner) {
            rejectedWrites.incrementAndGet();
            throw Failure.system("WRITE_CONFLICT", "Cannot start a write transaction: another write transaction is active on this engine");
        }
        writer = owner;
    }

    synchronized void end(Object owner)
    {
        if (writer == owner) {
            writer = null;
        }
    }

    void hold()
    {
        gate = new CountDownLatch(1);
    }

    void release()
    {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Called by a write that has begun: waits while writes are held. */
    void awaitGate()
    {
        CountDownLatch held = gate;
        if (held == null) {
            return;
        }
        writesAtGate.incrementAndGet();
        try {
            if (!held.await(2, TimeUnit.MINUTES)) {
                throw Failure.system("TIMEOUT", "The test never released the held writes");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            writesAtGate.decrementAndGet();
        }
    }

    int writesAtGate()
    {
        return writesAtGate.get();
    }

    int rejectedWrites()
    {
        return rejectedWrites.get();
    }
}
