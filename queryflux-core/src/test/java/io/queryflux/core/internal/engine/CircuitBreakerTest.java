package io.queryflux.core.internal.engine;

import io.queryflux.core.internal.engine.CircuitBreaker.State;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The breaker's transitions, driven by a fake millisecond clock: no test sleeps. The window is 10 s in
 * ten 1 s buckets, at least 4 outcomes count, half of them failing opens it; it stays open 1 s, then
 * 2 s, then 4 s (the maximum) after failed probes.
 */
class CircuitBreakerTest
{
    private static final CircuitBreaker.Settings SETTINGS = new CircuitBreaker.Settings(
            true, 0.5, 4, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4));
    // A realistic epoch-milliseconds start, on a bucket boundary.
    private static final long START = 1_700_000_000_000L;

    private final AtomicLong clock = new AtomicLong(START);
    private final CircuitBreaker breaker = new CircuitBreaker(SETTINGS, clock::get);

    @Test
    void staysClosedUntilTheWindowHoldsMinimumRequests()
    {
        fail(3);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.allowsRequest()).isTrue();

        fail(1);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void opensExactlyWhenTheFailureRateReachesTheThreshold()
    {
        succeed(3);
        fail(1);
        // 1 of 4
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(1);
        // 2 of 5 = 40 %
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(1);
        // 3 of 6 = 50 %
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.allowsRequest()).isFalse();
    }

    @Test
    void openRejectsUntilTheBackoffHasPassed()
    {
        fail(4);
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        advance(999);
        assertThat(breaker.allowsRequest()).isFalse();
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        advance(1);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.allowsRequest()).isTrue();
    }

    @Test
    void halfOpenLetsExactlyOneProbeThrough()
    {
        openAndWaitOutBackoff(1000);

        assertThat(breaker.allowsRequest()).isTrue();
        // Asking does not take the probe; sending does.
        assertThat(breaker.allowsRequest()).isTrue();
        assertThat(breaker.onRequest()).as("the first query sent is the probe").isTrue();

        for (int i = 0; i < 10; i++) {
            assertThat(breaker.allowsRequest()).isFalse();
            advance(10_000);
        }
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aSuccessfulProbeClosesAndForgetsTheOldFailures()
    {
        openAndWaitOutBackoff(1000);
        assertThat(breaker.allowsRequest()).isTrue();
        assertThat(breaker.onRequest()).isTrue();

        breaker.recordSuccess(true);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.allowsRequest()).isTrue();
        // The window starts empty: three failures are below minimumRequests again.
        fail(3);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        // ... and the backoff is back to the initial one.
        advance(999);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        advance(1);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aFailedProbeReopensWithDoubledBackoffUpToTheMaximum()
    {
        fail(4);
        long[] expectedBackoffs = {1000, 2000, 4000, 4000, 4000};
        for (long backoff : expectedBackoffs) {
            assertThat(breaker.state()).isEqualTo(State.OPEN);
            advance(backoff - 1);
            assertThat(breaker.allowsRequest()).as("still open %d ms into a %d ms backoff", backoff - 1, backoff).isFalse();
            advance(1);
            assertThat(breaker.allowsRequest()).as("half-open after %d ms", backoff).isTrue();
            assertThat(breaker.onRequest()).isTrue();
            breaker.recordFailure(true);
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        // A success resets the backoff: the next opening lasts the initial 1 s.
        advance(4000);
        assertThat(breaker.allowsRequest()).isTrue();
        assertThat(breaker.onRequest()).isTrue();
        breaker.recordSuccess(true);
        fail(4);
        advance(1000);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void userErrorsAndCancelsDoNotCount()
    {
        Cluster cluster = new Cluster("c1", new TestingClusterBackend("c1"), 10, breaker);
        for (int i = 0; i < 50; i++) {
            cluster.recordOutcome(new QueryFluxException(ErrorCode.SYNTAX_ERROR, "bad SQL"), false);
            cluster.recordOutcome(new QueryFluxException(ErrorCode.USER_CANCELED, "canceled"), false);
            cluster.recordOutcome(new QueryFluxException(ErrorCode.PERMISSION_DENIED, "denied"), false);
            cluster.recordOutcome(new QueryFluxException(ErrorCode.EXCEEDED_TIME_LIMIT, "waited too long"), false);
            cluster.recordOutcome(new QueryFluxException(ErrorCode.SERVER_SHUTTING_DOWN, "stopping"), false);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        // Failures of the engine do count: BACKEND_* (EXTERNAL) and internal errors.
        cluster.recordOutcome(new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "down"), false);
        cluster.recordOutcome(new QueryFluxException(ErrorCode.BACKEND_ERROR, "broken"), false);
        cluster.recordOutcome(new QueryFluxException(ErrorCode.BACKEND_TIMEOUT, "slow"), false);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        cluster.recordOutcome(new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "bug"), false);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aNeutralOutcomeOfTheProbeLetsAnotherProbeGo()
    {
        openAndWaitOutBackoff(1000);
        assertThat(breaker.allowsRequest()).isTrue();
        assertThat(breaker.onRequest()).isTrue();
        assertThat(breaker.allowsRequest()).isFalse();

        // The probe was the user's bad SQL, or was cancelled: it says nothing about the cluster.
        breaker.recordNeutral(true);

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.allowsRequest()).isTrue();
        assertThat(breaker.onRequest()).isTrue();
        assertThat(breaker.allowsRequest()).isFalse();
    }

    @Test
    void failuresOlderThanTheWindowAreDropped()
    {
        fail(3);
        advance(10_000);

        // Were the three old failures kept, 4 of 7 would fail and open the breaker.
        succeed(3);
        fail(1);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void failuresInsideTheWindowStillCount()
    {
        fail(3);
        advance(9_000);

        fail(1);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aBucketReusedAfterManyWindowsStartsEmpty()
    {
        fail(3);
        // Ten windows later the same bucket index comes round again.
        advance(100_000);

        fail(1);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aDisabledBreakerNeverOpens()
    {
        CircuitBreaker disabled = new CircuitBreaker(new CircuitBreaker.Settings(false, 0.5, 4, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4)), clock::get);
        for (int i = 0; i < 100; i++) {
            disabled.recordFailure(false);
        }
        assertThat(disabled.state()).isEqualTo(State.CLOSED);
        assertThat(disabled.allowsRequest()).isTrue();
    }

    @Test
    void throughTheGroupAnOpenBreakerGetsNoQueriesAndTheProbeIsTheOnlyOneLetThrough()
    {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            Cluster flaky = new Cluster("flaky", new TestingClusterBackend("flaky"), 10, breaker);
            Cluster healthy = TestingClusterBackend.cluster("healthy", 10);
            ClusterGroup group = new ClusterGroup("g", List.of(flaky, healthy), 10, 100, Duration.ofHours(1), scheduler);

            fail(4);
            for (int i = 0; i < 20; i++) {
                TestingAdmission admission = TestingAdmission.admit(group, "q" + i);
                assertThat(admission.cluster()).isEqualTo("healthy");
                admission.slot().release(null);
            }

            advance(1000);
            // Round robin's turn is the flaky cluster's or the next one's: either way one probe only.
            int toFlaky = 0;
            List<TestingAdmission> held = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestingAdmission admission = TestingAdmission.admit(group, "p" + i);
                held.add(admission);
                if (admission.cluster().equals("flaky")) {
                    toFlaky++;
                }
            }
            assertThat(toFlaky).isEqualTo(1);
            TestingAdmission probe = held.stream().filter(admission -> admission.cluster().equals("flaky")).findFirst().orElseThrow();
            probe.slot().release(null);
            assertThat(breaker.state()).isEqualTo(State.CLOSED);
            held.forEach(admission -> admission.slot().release(null));

            // Closed again, it takes its turns.
            int afterwards = 0;
            for (int i = 0; i < 10; i++) {
                TestingAdmission admission = TestingAdmission.admit(group, "r" + i);
                afterwards += admission.cluster().equals("flaky") ? 1 : 0;
                admission.slot().release(null);
            }
            assertThat(afterwards).isEqualTo(5);
        }
        finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void onlyTheProbesOwnOutcomeEndsHalfOpen()
    {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            Cluster only = new Cluster("only", new TestingClusterBackend("only"), 10, breaker);
            ClusterGroup group = new ClusterGroup("g", List.of(only), 10, 100, Duration.ofHours(1), scheduler);
            // A slow query is sent while the cluster still looks fine ...
            TestingAdmission slow = TestingAdmission.admit(group, "slow");
            // ... then the cluster fails enough others to open the breaker.
            fail(4);
            advance(1000);
            TestingAdmission probe = TestingAdmission.admit(group, "probe");
            assertThat(probe.cluster()).isEqualTo("only");

            // The slow query, sent long before, fails now; the probe then succeeds.
            slow.slot().release(new QueryFluxException(ErrorCode.BACKEND_TIMEOUT, "timed out after the outage"));
            probe.slot().release(null);

            // The probe's success is what half-open waited for: the cluster is back.
            assertThat(breaker.state()).isEqualTo(State.CLOSED);
        }
        finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void whenEveryBreakerIsOpenAQueryFailsAtOnce()
    {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            Cluster only = new Cluster("only", new TestingClusterBackend("only"), 10, breaker);
            ClusterGroup group = new ClusterGroup("g", List.of(only), 10, 100, Duration.ofHours(1), scheduler);
            fail(4);

            assertThatThrownBy(() -> TestingAdmission.admit(group, "q"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_NODES_AVAILABLE))
                    .hasMessageContaining("only: circuit breaker OPEN");
            assertThat(group.queuedQueries()).isZero();
        }
        finally {
            scheduler.shutdownNow();
        }
    }

    private void fail(int count)
    {
        for (int i = 0; i < count; i++) {
            breaker.recordFailure(false);
        }
    }

    private void succeed(int count)
    {
        for (int i = 0; i < count; i++) {
            breaker.recordSuccess(false);
        }
    }

    private void advance(long millis)
    {
        clock.addAndGet(millis);
    }

    private void openAndWaitOutBackoff(long backoff)
    {
        fail(4);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        advance(backoff);
    }
}
