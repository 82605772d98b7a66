package io.queryflux.core.internal.trino;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

class PageBufferTest
{
    private final ReentrantLock lock = new ReentrantLock();
    private final PageBuffer buffer = new PageBuffer(lock, 1);

    @Test
    void producerWaitsForRoomUntilAPageIsTaken()
            throws Exception
    {
        Page first = page("[1]");
        Page second = page("[2]");
        assertThat(offer(first, true)).isTrue();

        AtomicReference<Thread> producer = new AtomicReference<>();
        CompletableFuture<Boolean> offered = CompletableFuture.supplyAsync(() -> {
            producer.set(Thread.currentThread());
            return offer(second, true);
        });
        awaitWaiting(producer);
        assertThat(offered).isNotDone();

        assertThat(take()).isSameAs(first);
        assertThat(offered.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(take()).isSameAs(second);
        assertThat(take()).isNull();
    }

    @Test
    void theLastPageDoesNotWaitForRoom()
    {
        assertThat(offer(page("[1]"), true)).isTrue();
        assertThat(offer(page("[2]"), false)).isTrue();
        assertThat(take()).isNotNull();
        assertThat(take()).isNotNull();
    }

    @Test
    void closingDropsThePagesAndReleasesAWaitingProducer()
            throws Exception
    {
        assertThat(offer(page("[1]"), true)).isTrue();
        AtomicReference<Thread> producer = new AtomicReference<>();
        CompletableFuture<Boolean> offered = CompletableFuture.supplyAsync(() -> {
            producer.set(Thread.currentThread());
            return offer(page("[2]"), true);
        });
        awaitWaiting(producer);

        lock.lock();
        try {
            buffer.close();
        }
        finally {
            lock.unlock();
        }

        assertThat(offered.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(buffer.isClosed()).isTrue();
        assertThat(take()).isNull();
        assertThat(offer(page("[3]"), false)).isFalse();
    }

    @Test
    void aFlushRequestLastsUntilTheNextPage()
    {
        buffer.requestFlush();
        assertThat(buffer.isFlushRequested()).isTrue();
        assertThat(offer(page("[1]"), true)).isTrue();
        assertThat(buffer.isFlushRequested()).isFalse();
    }

    private boolean offer(Page page, boolean waitForRoom)
    {
        lock.lock();
        try {
            return buffer.offer(page, waitForRoom);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        finally {
            lock.unlock();
        }
    }

    private Page take()
    {
        lock.lock();
        try {
            return buffer.take();
        }
        finally {
            lock.unlock();
        }
    }

    private static Page page(String json)
    {
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        return new Page(bytes, bytes.length, 1);
    }

    private static void awaitWaiting(AtomicReference<Thread> thread)
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The producer never waited for room");
            }
            Thread.onSpinWait();
        }
    }
}
