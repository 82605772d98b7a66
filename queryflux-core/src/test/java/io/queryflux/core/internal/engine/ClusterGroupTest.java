package io.queryflux.core.internal.engine;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static io.queryflux.core.internal.engine.TestingAwait.await;
import static io.queryflux.core.internal.engine.TestingClusterBackend.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Admission to a group: the group's cap and each cluster's own, the FIFO queue, its limit, its wait
 * timeout and withdrawal.
 */
class ClusterGroupTest
{
    private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop()
    {
        scheduler.shutdownNow();
    }

    @Test
    void waitersAreGrantedInArrivalOrder()
    {
        ClusterGroup group = new ClusterGroup("g", List.of(cluster("a", 10)), 1, 100, Duration.ofHours(1), scheduler);
        TestingAdmission running = TestingAdmission.admit(group, "running");
        List<TestingAdmission> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(TestingAdmission.admit(group, "w" + i));
        }
        assertThat(group.queuedQueries()).isEqualTo(5);

        TestingAdmission current = running;
        for (TestingAdmission next : waiting) {
            assertThat(next.isWaiting()).isTrue();
            current.slot().release(null);
            assertThat(next.isGranted()).isTrue();
            assertThat(waiting.stream().filter(TestingAdmission::isGranted).count()).isEqualTo(waiting.indexOf(next) + 1);
            current = next;
        }
        current.slot().release(null);
        assertThat(group.runningQueries()).isZero();
    }

    @Test
    void eachClusterKeepsItsOwnCapWithinTheGroups()
    {
        ClusterGroup group = new ClusterGroup("g", List.of(cluster("small", 1), cluster("large", 2)), 10, 100, Duration.ofHours(1), scheduler);

        List<TestingAdmission> admissions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            admissions.add(TestingAdmission.admit(group, "q" + i));
        }

        assertThat(admissions.subList(0, 3)).allMatch(TestingAdmission::isGranted);
        assertThat(admissions.subList(0, 3).stream().map(TestingAdmission::cluster)).containsExactlyInAnyOrder("small", "large", "large");
        assertThat(admissions.get(3).isWaiting()).isTrue();
        assertThat(group.runningQueries()).isEqualTo(3);
    }

    @Test
    void aFullQueueRefusesAtOnce()
    {
        ClusterGroup group = new ClusterGroup("g", List.of(cluster("a", 10)), 1, 2, Duration.ofHours(1), scheduler);
        TestingAdmission.admit(group, "running");
        TestingAdmission.admit(group, "w1");
        TestingAdmission.admit(group, "w2");

        assertThatThrownBy(() -> TestingAdmission.admit(group, "w3"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUERY_QUEUE_FULL))
                .hasMessage("Too many queued queries for cluster group 'g' (maxQueuedQueries: 2)");
        assertThat(group.queuedQueries()).isEqualTo(2);
    }

    @Test
    void aWaiterGivesUpAfterTheCapacityWaitTimeout()
    {
        ClusterGroup group = new ClusterGroup("g", List.of(cluster("a", 10)), 1, 10, Duration.ofMillis(100), scheduler);
        TestingAdmission running = TestingAdmission.admit(group, "running");
        TestingAdmission waiting = TestingAdmission.admit(group, "waiting");

        await("the waiter gives up", Duration.ofSeconds(10), () -> !waiting.isWaiting());

        assertThat(waiting.error().errorCode()).isEqualTo(ErrorCode.EXCEEDED_TIME_LIMIT);
        assertThat(waiting.error()).hasMessageContaining("capacityWaitTimeout");
        assertThat(group.queuedQueries()).isZero();
        // The slot it did not get goes to nobody else by mistake.
        running.slot().release(null);
        assertThat(waiting.isGranted()).isFalse();
        assertThat(group.runningQueries()).isZero();
    }

    @Test
    void aWithdrawnWaiterIsSkipped()
    {
        ClusterGroup group = new ClusterGroup("g", List.of(cluster("a", 10)), 1, 10, Duration.ofHours(1), scheduler);
        TestingAdmission running = TestingAdmission.admit(group, "running");
        TestingAdmission withdrawn = new TestingAdmission();
        ClusterGroup.Admission admission = group.admit("withdrawn", withdrawn);
        TestingAdmission next = TestingAdmission.admit(group, "next");

        assertThat(admission.withdraw()).isTrue();
        assertThat(admission.withdraw()).isFalse();
        running.slot().release(null);

        assertThat(withdrawn.isWaiting()).isTrue();
        assertThat(next.isGranted()).isTrue();
    }

    @Test
    void releasingASlotTwiceFreesItOnce()
    {
        ClusterGroup group = new ClusterGroup("g", List.of(cluster("a", 10)), 2, 10, Duration.ofHours(1), scheduler);
        TestingAdmission first = TestingAdmission.admit(group, "first");
        TestingAdmission.admit(group, "second");

        first.slot().release(null);
        first.slot().release(new QueryFluxException(ErrorCode.BACKEND_ERROR, "late"));
        first.slot().release();

        assertThat(group.runningQueries()).isEqualTo(1);
    }
}
