package io.queryflux.core.internal.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A cluster's circuit breaker. It opens when the failure rate in a rolling window reaches the
 * threshold (after a minimum number of outcomes); while open the cluster gets no queries. After a
 * backoff it lets one probe query through (half-open): success closes it, failure opens it again for
 * twice the backoff, up to a maximum. Time comes from a clock in milliseconds, so tests drive it.
 */
public final class CircuitBreaker
{
    public enum State
    {
        CLOSED, OPEN, HALF_OPEN
    }

    /**
     * @param failureRateThreshold the failure share (0..1] that opens the breaker
     * @param minimumRequests outcomes the window needs before the rate counts
     * @param window the rolling window
     * @param initialBackoff how long the breaker first stays open
     * @param maxBackoff the longest it stays open after repeated failed probes
     */
    public record Settings(boolean enabled, double failureRateThreshold, int minimumRequests, Duration window, Duration initialBackoff, Duration maxBackoff)
    {
        public static Settings defaults()
        {
            return new Settings(true, 0.5, 10, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(5));
        }
    }

    private static final int BUCKETS = 10;

    private final Settings settings;
    private final LongSupplier clockMillis;
    private final long bucketMillis;
    private final long[] bucketStart = new long[BUCKETS];
    private final int[] successes = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];

    private State state = State.CLOSED;
    private long openUntil;
    private long backoffMillis;
    private boolean probeInFlight;

    public CircuitBreaker(Settings settings, LongSupplier clockMillis)
    {
        this.settings = settings;
        this.clockMillis = clockMillis;
        this.bucketMillis = Math.max(1, settings.window().toMillis() / BUCKETS);
        this.backoffMillis = settings.initialBackoff().toMillis();
    }

    /** Whether a query may be sent now; moves an expired open breaker to half-open. */
    public synchronized boolean allowsRequest()
    {
        if (!settings.enabled()) {
            return true;
        }
        if (state == State.OPEN && clockMillis.getAsLong() >= openUntil) {
            state = State.HALF_OPEN;
            probeInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> !probeInFlight;
        };
    }

    /**
     * A query was sent. In half-open state it is the probe.
     *
     * @return whether this query is the probe, whose outcome alone decides the half-open state
     */
    public synchronized boolean onRequest()
    {
        if (state == State.HALF_OPEN && !probeInFlight) {
            probeInFlight = true;
            return true;
        }
        return false;
    }

    /** A query ended well; {@code probe} as {@link #onRequest()} said for it. */
    public synchronized void recordSuccess(boolean probe)
    {
        if (probe && state == State.HALF_OPEN) {
            state = State.CLOSED;
            backoffMillis = settings.initialBackoff().toMillis();
            clearWindow();
            return;
        }
        if (state == State.CLOSED) {
            successes[currentBucket()]++;
        }
    }

    /** The engine failed a query; {@code probe} as {@link #onRequest()} said for it. */
    public synchronized void recordFailure(boolean probe)
    {
        long now = clockMillis.getAsLong();
        if (probe && state == State.HALF_OPEN) {
            backoffMillis = Math.min(backoffMillis * 2, settings.maxBackoff().toMillis());
            open(now);
            return;
        }
        // Outcomes of queries sent before the breaker opened say nothing about the probe.
        if (state != State.CLOSED) {
            return;
        }
        failures[currentBucket()]++;
        int total = 0;
        int failed = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (now - bucketStart[i] < settings.window().toMillis()) {
                total += successes[i] + failures[i];
                failed += failures[i];
            }
        }
        if (settings.enabled() && total >= settings.minimumRequests() && failed >= settings.failureRateThreshold() * total) {
            open(now);
        }
    }

    /** An outcome that says nothing about the cluster (a user's SQL error, a cancel): if it was the probe, another may go. */
    public synchronized void recordNeutral(boolean probe)
    {
        if (probe && state == State.HALF_OPEN) {
            probeInFlight = false;
        }
    }

    public synchronized State state()
    {
        if (state == State.OPEN && clockMillis.getAsLong() >= openUntil) {
            return State.HALF_OPEN;
        }
        return state;
    }

    private void open(long now)
    {
        state = State.OPEN;
        openUntil = now + backoffMillis;
        probeInFlight = false;
        clearWindow();
    }

    // The bucket of the current time slice, emptied first when it last held an older slice.
    private int currentBucket()
    {
        long now = clockMillis.getAsLong();
        int index = (int) ((now / bucketMillis) % BUCKETS);
        long start = now - now % bucketMillis;
        if (bucketStart[index] != start) {
            bucketStart[index] = start;
            successes[index] = 0;
            failures[index] = 0;
        }
        return index;
    }

    private void clearWindow()
    {
        Arrays.fill(successes, 0);
        Arrays.fill(failures, 0);
    }
}
