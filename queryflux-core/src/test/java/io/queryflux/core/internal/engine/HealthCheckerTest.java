package io.queryflux.core.internal.engine;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static io.queryflux.core.internal.engine.TestingAwait.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster that goes down and comes back, driven by calling {@link HealthChecker#probe} directly:
 * while down it gets no queries, with every cluster down a query fails at once (long before any
 * capacityWaitTimeout), and once back it gets queries again.
 */
class HealthCheckerTest
{
    private static final Duration WAIT_TIMEOUT = Duration.ofHours(1);

    private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
    private final ExecutorService probes = Executors.newCachedThreadPool();
    private final TestingClusterBackend backendA = new TestingClusterBackend("a");
    private final TestingClusterBackend backendB = new TestingClusterBackend("b");
    private final Cluster a = new Cluster("a", backendA, 10, new CircuitBreaker(TestingClusterBackend.disabledBreaker(), System::currentTimeMillis));
    private final Cluster b = new Cluster("b", backendB, 10, new CircuitBreaker(TestingClusterBackend.disabledBreaker(), System::currentTimeMillis));
    private final ClusterGroup group = new ClusterGroup("g", List.of(a, b), 1, 100, WAIT_TIMEOUT, scheduler);
    // An interval that never elapses during a test: every probe here is one the test asks for.
    private final HealthChecker checker = new HealthChecker(group, new GroupSettings.HealthCheckSettings(true, Duration.ofHours(1), Duration.ofMillis(200)), scheduler, probes);

    @AfterEach
    void stop()
    {
        checker.close();
        scheduler.shutdownNow();
        probes.shutdownNow();
    }

    @Test
    void aClusterThatGoesDownGetsNoQueriesUntilItComesBack()
    {
        assertThat(pick(100)).containsOnlyKeys("a", "b");

        backendA.down();
        // Down, but not yet probed: the group does not know.
        assertThat(a.isHealthy()).isTrue();
        checker.probe(a);
        assertThat(a.isHealthy()).isFalse();
        assertThat(a.healthProblem()).isEqualTo("a is down");

        assertThat(pick(100)).containsExactlyEntriesOf(Map.of("b", 100));

        backendA.up();
        checker.probe(a);
        assertThat(a.isHealthy()).isTrue();
        assertThat(a.healthProblem()).isNull();

        assertThat(pick(100)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 50, "b", 50));
    }

    @Test
    void withEveryClusterDownAQueryFailsAtOnce()
    {
        backendA.down();
        backendB.down();
        checker.probe(a);
        checker.probe(b);

        long start = System.nanoTime();
        assertThatThrownBy(() -> TestingAdmission.admit(group, "q"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NO_NODES_AVAILABLE))
                .hasMessage("No cluster of group 'g' can take queries: a: unhealthy (a is down); b: unhealthy (b is down)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(group.queuedQueries()).isZero();

        backendB.up();
        checker.probe(b);
        TestingAdmission admission = TestingAdmission.admit(group, "q2");
        assertThat(admission.cluster()).isEqualTo("b");
    }

    @Test
    void queuedQueriesFailAtOnceWhenTheLastClusterGoesDown()
    {
        // The group runs one query at a time; the others wait, for up to an hour.
        TestingAdmission running = TestingAdmission.admit(group, "running");
        assertThat(running.isGranted()).isTrue();
        TestingAdmission waiting1 = TestingAdmission.admit(group, "waiting1");
        TestingAdmission waiting2 = TestingAdmission.admit(group, "waiting2");
        assertThat(waiting1.isWaiting()).isTrue();
        assertThat(group.queuedQueries()).isEqualTo(2);

        backendA.down();
        checker.probe(a);
        assertThat(waiting1.isWaiting()).as("b can still take them").isTrue();

        backendB.down();
        checker.probe(b);

        // The probe's verdict rejected them on the spot, not the hour-long capacity wait.
        assertThat(waiting1.error().errorCode()).isEqualTo(ErrorCode.NO_NODES_AVAILABLE);
        assertThat(waiting2.error().errorCode()).isEqualTo(ErrorCode.NO_NODES_AVAILABLE);
        assertThat(group.queuedQueries()).isZero();
        running.slot().release(null);
    }

    @Test
    void aQueuedQueryRunsOnTheClusterThatComesBack()
    {
        backendB.down();
        checker.probe(b);
        TestingAdmission running = TestingAdmission.admit(group, "running");
        assertThat(running.cluster()).isEqualTo("a");
        TestingAdmission waiting = TestingAdmission.admit(group, "waiting");
        assertThat(waiting.isWaiting()).isTrue();

        // b comes back; a goes down while its query runs; then the slot frees up.
        backendB.up();
        checker.probe(b);
        backendA.down();
        checker.probe(a);
        assertThat(waiting.isWaiting()).as("the group still runs its one query").isTrue();
        running.slot().release(null);

        assertThat(waiting.cluster()).isEqualTo("b");
    }

    @Test
    void aProbeWithoutAnswerMarksTheClusterDown()
    {
        backendA.hangProbes();
        try {
            checker.probe(a);
        }
        finally {
            backendA.answerProbes();
        }

        assertThat(a.isHealthy()).isFalse();
        assertThat(a.healthProblem()).isEqualTo("no answer within 200 ms");
        assertThat(pick(10)).containsExactlyEntriesOf(Map.of("b", 10));

        checker.probe(a);
        assertThat(a.isHealthy()).isTrue();
    }

    @Test
    void theBackgroundCheckerFindsAClusterDownAndBack()
    {
        HealthChecker background = new HealthChecker(group, new GroupSettings.HealthCheckSettings(true, Duration.ofMillis(20), Duration.ofSeconds(1)), scheduler, probes);
        background.start();
        try {
            await("a first probe of both", Duration.ofSeconds(10), () -> backendA.probes() > 0 && backendB.probes() > 0);

            backendA.down();
            await("a is found down", Duration.ofSeconds(10), () -> !a.isHealthy());
            assertThat(pick(20)).containsExactlyEntriesOf(Map.of("b", 20));

            backendA.up();
            await("a is found healthy again", Duration.ofSeconds(10), a::isHealthy);
            assertThat(pick(20)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10, "b", 10));
        }
        finally {
            background.close();
        }
    }

    private Map<String, Integer> pick(int count)
    {
        Map<String, Integer> picks = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            TestingAdmission admission = TestingAdmission.admit(group, "q" + i);
            picks.merge(admission.cluster(), 1, Integer::sum);
            admission.slot().release(null);
        }
        return picks;
    }
}
