package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.queryflux.core.internal.firebolt.FireboltTesting.TIMEOUT;
import static io.queryflux.core.internal.firebolt.FireboltTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteTurnTest
{
    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final WriteTurn turn = new WriteTurn("c1");

    @AfterEach
    void stop()
    {
        writers.shutdownNow();
    }

    @Test
    void writersTakeTheirTurnInArrivalOrder()
            throws Exception
    {
        WriteTurn.Turn first = turn.acquire(TIMEOUT, new TestingCancellation());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int writer = i;
            waiting.add(CompletableFuture.runAsync(() -> {
                WriteTurn.Turn mine = turn.acquire(TIMEOUT, new TestingCancellation());
                order.add(writer);
                mine.release();
            }, writers));
            await("writer " + i + " to queue", () -> turn.waiting() == writer + 1);
        }

        first.release();

        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(turn.isHeld()).isFalse();
    }

    @Test
    void aTurnMayBeReleasedByAnotherThreadAndOnlyOnce()
            throws Exception
    {
        WriteTurn.Turn held = turn.acquire(TIMEOUT, new TestingCancellation());
        CompletableFuture.runAsync(held::release, writers).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        WriteTurn.Turn next = turn.acquire(Duration.ZERO, new TestingCancellation());

        held.release();

        assertThat(turn.isHeld()).isTrue();
        next.release();
        assertThat(turn.isHeld()).isFalse();
    }

    @Test
    void waitingEndsAfterTheTimeout()
    {
        WriteTurn.Turn held = turn.acquire(TIMEOUT, new TestingCancellation());

        assertThatThrownBy(() -> turn.acquire(Duration.ofMillis(50), new TestingCancellation()))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_TIME_LIMIT));
        assertThat(turn.waiting()).isZero();
        held.release();
    }

    @Test
    void aCancelEndsTheWait()
            throws Exception
    {
        WriteTurn.Turn held = turn.acquire(TIMEOUT, new TestingCancellation());
        TestingCancellation cancellation = new TestingCancellation();
        CompletableFuture<WriteTurn.Turn> waiting = CompletableFuture.supplyAsync(() -> turn.acquire(TIMEOUT, cancellation), writers);
        await("the writer to queue", () -> turn.waiting() == 1);

        cancellation.cancel();

        assertThatThrownBy(() -> waiting.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
        assertThat(turn.waiting()).isZero();
        held.release();
    }

    @Test
    void aWriterThatGivesUpLetsTheNextOneIn()
            throws Exception
    {
        WriteTurn.Turn held = turn.acquire(TIMEOUT, new TestingCancellation());
        TestingCancellation cancellation = new TestingCancellation();
        CompletableFuture<WriteTurn.Turn> giving = CompletableFuture.supplyAsync(() -> turn.acquire(TIMEOUT, cancellation), writers);
        await("the first writer to queue", () -> turn.waiting() == 1);
        CompletableFuture<WriteTurn.Turn> next = CompletableFuture.supplyAsync(() -> turn.acquire(TIMEOUT, new TestingCancellation()), writers);
        await("the second writer to queue", () -> turn.waiting() == 2);
        held.release();
        cancellation.cancel();

        // Whichever way the race went, the second writer gets the turn once the first is done with it.
        WriteTurn.Turn first = giving.handle((acquired, failure) -> acquired).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            first.release();
        }
        next.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).release();
        assertThat(turn.isHeld()).isFalse();
    }
}
