package io.queryflux.core.internal.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failed password checks per user and client address. After {@code maxFailures} in a row the pair is
 * locked out for {@code lockout}, doubled with each further failure up to {@code maxLockout}; while
 * locked, attempts are refused without checking the password, so they cost nothing. Another address
 * (the real user, elsewhere) is not affected, and a success clears the pair.
 */
final class FailedLogins
{
    private static final int MAX_ENTRIES = 100_000;

    private final int maxFailures;
    private final long lockoutNanos;
    private final long maxLockoutNanos;
    private final LongSupplier nanoTime;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    FailedLogins(int maxFailures, long lockoutNanos, long maxLockoutNanos, LongSupplier nanoTime)
    {
        this.maxFailures = maxFailures;
        this.lockoutNanos = lockoutNanos;
        this.maxLockoutNanos = Math.max(lockoutNanos, maxLockoutNanos);
        this.nanoTime = nanoTime;
    }

    /** Milliseconds until {@code key} may try again; 0 when it may now. */
    long lockedForMillis(String key)
    {
        State state = states.get(key);
        if (state == null) {
            return 0;
        }
        long remaining = state.lockedUntilNanos() - nanoTime.getAsLong();
        return remaining <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
    }

    void failed(String key)
    {
        long now = nanoTime.getAsLong();
        if (states.size() >= MAX_ENTRIES) {
            forgetIdle(now);
        }
        states.compute(key, (ignored, state) -> {
            // A pair quiet for longer than the longest lockout starts afresh.
            int failures = state == null || now - state.lastFailureNanos() > maxLockoutNanos ? 1 : state.failures() + 1;
            return new State(failures, failures >= maxFailures ? now + lockout(failures - maxFailures) : now, now);
        });
    }

    private long lockout(int doublings)
    {
        long lockout = lockoutNanos;
        for (int i = 0; i < doublings && lockout < maxLockoutNanos; i++) {
            lockout *= 2;
        }
        return Math.min(lockout, maxLockoutNanos);
    }

    void succeeded(String key)
    {
        states.remove(key);
    }

    private void forgetIdle(long now)
    {
        states.values().removeIf(state -> now - state.lastFailureNanos() > maxLockoutNanos && now > state.lockedUntilNanos());
    }

    private record State(int failures, long lockedUntilNanos, long lastFailureNanos) {}
}
