package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.Cancellation;
import io.queryflux.spi.ErrorCode;

import java.time.Duration;

/**
 * Sends a write again when the engine refused it because another write transaction was active. The
 * write turn keeps QueryFlux's own writes apart, but the engine may still be finishing the previous
 * write when the next one arrives, and clients outside QueryFlux may write too: the client should see
 * its write wait, not a spurious error. Refused writes did not run, so sending them again is safe;
 * the retries back off and stop after {@code writeWaitTimeout}.
 */
final class WriteConflictRetry
{
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 500;

    private WriteConflictRetry() {}

    /** Runs {@code attempt}, again while it fails with a refused write conflict and time is left. */
    static void run(Runnable attempt, FireboltStatement statement, Duration budget, Cancellation cancellation)
    {
        long deadline = System.nanoTime() + budget.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                attempt.run();
                return;
            }
            catch (FireboltRefusal refusal) {
                boolean retryable = statement.kind() == FireboltStatement.Kind.WRITE && refusal.errorCode() == ErrorCode.TRANSACTION_CONFLICT;
                if (!retryable || System.nanoTime() + pause * 1_000_000 > deadline || cancellation.isCancelled()) {
                    throw refusal;
                }
            }
            sleep(pause);
            if (cancellation.isCancelled()) {
                throw FireboltHttpCall.canceled();
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FireboltHttpCall.canceled();
        }
    }
}
