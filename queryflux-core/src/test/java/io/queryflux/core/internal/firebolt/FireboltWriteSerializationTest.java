package io.queryflux.core.internal.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.queryflux.core.internal.firebolt.FireboltTesting.TIMEOUT;
import static io.queryflux.core.internal.firebolt.FireboltTesting.await;
import static io.queryflux.core.internal.firebolt.FireboltTesting.backend;
import static io.queryflux.core.internal.firebolt.FireboltTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Firebolt engine fails a second concurrent write transaction; the backend makes writes take turns
 * instead, while reads go on.
 */
class FireboltWriteSerializationTest
{
    private TestingFireboltCore core;
    private FireboltBackend backend;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeEach
    void start()
    {
        core = TestingFireboltCore.start();
        core.execute("CREATE TABLE events (n INTEGER)");
        backend = backend(core);
    }

    @AfterEach
    void stop()
    {
        core.releaseWrites();
        clients.shutdownNow();
        backend.close();
        core.close();
    }

    @Test
    void theEngineRejectsASecondConcurrentWrite()
            throws Exception
    {
        // Two backends do not know of each other's writes: this is what the write turn prevents.
        try (FireboltBackend other = backend(FireboltTesting.settings(core).withWriteWaitTimeout(Duration.ofMillis(50)))) {
            core.holdWrites();
            CompletableFuture<TestingResultSink> first = write(backend, 1);
            await("the first write to reach the engine", () -> core.writesHeld() == 1);

            assertThatThrownBy(() -> run(other, "INSERT INTO events VALUES (2)"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.TRANSACTION_CONFLICT);
                        assertThat(e.getMessage()).contains("another write transaction is active");
                    });
            core.releaseWrites();
            first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(core.rejectedWrites()).isPositive();
        }
    }

    @Test
    void aWriteRefusedForAWriterQueryFluxDoesNotKnowIsSentAgain()
            throws Exception
    {
        try (FireboltBackend outsider = backend(core)) {
            core.holdWrites();
            CompletableFuture<TestingResultSink> outside = write(outsider, 1);
            await("the outside write to reach the engine", () -> core.writesHeld() == 1);
            CompletableFuture<TestingResultSink> mine = write(backend, 2);
            await("the engine to refuse the write at least once", () -> core.rejectedWrites() > 0);
            assertThat(mine).isNotDone();

            core.releaseWrites();

            outside.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            mine.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(run(backend, "SELECT count(*) FROM events").onlyValue()).isEqualTo(2L);
        }
    }

    @Test
    void concurrentWritersAllSucceedOneAtATimeWhileReadsGoOn()
            throws Exception
    {
        core.holdWrites();
        List<CompletableFuture<TestingResultSink>> writers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            writers.add(write(backend, i));
        }
        await("one write in the engine and nine waiting for their turn", () -> core.writesHeld() == 1 && backend.waitingWrites() == 9);

        assertThat(run(backend, "SELECT count(*) FROM events").onlyValue()).isEqualTo(0L);

        core.releaseWrites();
        for (CompletableFuture<TestingResultSink> writer : writers) {
            assertThat(writer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).updateCount()).isZero();
        }
        assertThat(core.rejectedWrites()).isZero();
        assertThat(run(backend, "SELECT count(*) FROM events").onlyValue()).isEqualTo(10L);
    }

    @Test
    void aWriteThatWaitsTooLongFailsClearly()
            throws Exception
    {
        try (FireboltBackend impatient = backend(FireboltTesting.settings(core).withWriteWaitTimeout(Duration.ofMillis(100)))) {
            core.holdWrites();
            CompletableFuture<TestingResultSink> first = write(impatient, 1);
            await("the first write to reach the engine", () -> core.writesHeld() == 1);

            assertThatThrownBy(() -> run(impatient, "INSERT INTO events VALUES (2)"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.EXCEEDED_TIME_LIMIT);
                        assertThat(e.getMessage()).contains("one write at a time");
                    });
            core.releaseWrites();
            first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(impatient.waitingWrites()).isZero();
            // The turn came back: the next write runs.
            run(impatient, "INSERT INTO events VALUES (3)");
        }
    }

    @Test
    void aCancelledWaitingWriteLeavesTheQueue()
            throws Exception
    {
        core.holdWrites();
        CompletableFuture<TestingResultSink> first = write(backend, 1);
        await("the first write to reach the engine", () -> core.writesHeld() == 1);
        TestingCancellation cancellation = new TestingCancellation();
        CompletableFuture<TestingResultSink> second = CompletableFuture.supplyAsync(
                () -> run(backend, new TestingTrinoSession(), "INSERT INTO events VALUES (2)", new TestingResultSink(), cancellation), clients);
        await("the second write to wait for its turn", () -> backend.waitingWrites() == 1);

        cancellation.cancel();

        assertThatThrownBy(() -> second.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
        assertThat(backend.waitingWrites()).isZero();
        core.releaseWrites();
        first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        run(backend, "INSERT INTO events VALUES (3)");
        assertThat(run(backend, "SELECT count(*) FROM events").onlyValue()).isEqualTo(2L);
    }

    @Test
    void aFailedWriteGivesItsTurnBack()
    {
        assertThatThrownBy(() -> run(backend, "INSERT INTO missing VALUES (1)"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));

        run(backend, "INSERT INTO events VALUES (1)");
        assertThat(core.rejectedWrites()).isZero();
    }

    @Test
    void aWritingTransactionHoldsTheTurnUntilItCommits()
            throws Exception
    {
        TestingTrinoSession transaction = new TestingTrinoSession();
        run(backend, transaction, "START TRANSACTION");
        run(backend, transaction, "INSERT INTO events VALUES (1)");

        CompletableFuture<TestingResultSink> other = write(backend, 2);
        await("the other write to wait for the transaction", () -> backend.waitingWrites() == 1);
        assertThat(other).isNotDone();

        run(backend, transaction, "COMMIT");

        other.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(core.rejectedWrites()).isZero();
        assertThat(run(backend, "SELECT count(*) FROM events").onlyValue()).isEqualTo(2L);
    }

    private CompletableFuture<TestingResultSink> write(FireboltBackend target, int value)
    {
        return CompletableFuture.supplyAsync(() -> run(target, "INSERT INTO events VALUES (" + value + ")"), clients);
    }
}
