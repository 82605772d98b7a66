package io.queryflux.core.internal.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by polling it, failing after a deadline; tests never sleep a fixed time.
 */
final class TestingAwait
{
    private TestingAwait() {}

    static void await(String description, Duration timeout, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + description);
            }
            try {
                Thread.sleep(2);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + description, e);
            }
        }
    }
}
