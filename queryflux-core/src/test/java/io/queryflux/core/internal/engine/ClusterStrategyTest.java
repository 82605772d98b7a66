package io.queryflux.core.internal.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static io.queryflux.core.internal.engine.TestingClusterBackend.cluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each strategy's distribution over 1,000 admissions to a {@link ClusterGroup}, each released at once
 * (unless the test holds some to make a cluster busy).
 */
class ClusterStrategyTest
{
    private static final int PICKS = 1000;

    private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop()
    {
        scheduler.shutdownNow();
    }

    @Test
    void roundRobinSpreadsEvenly()
    {
        ClusterGroup group = group(ClusterStrategy.roundRobin(), cluster("a", 10), cluster("b", 10), cluster("c", 10));

        Map<String, Integer> picks = pick(group, PICKS);

        assertThat(picks).containsOnlyKeys("a", "b", "c");
        picks.values().forEach(count -> assertThat(count).isBetween(333, 334));
    }

    @Test
    void roundRobinSkipsAFullClusterWithoutShiftingTheOthers()
    {
        ClusterGroup group = group(ClusterStrategy.roundRobin(), cluster("a", 1), cluster("b", 10), cluster("c", 10));
        TestingAdmission held = TestingAdmission.admit(group, "held");
        assertThat(held.cluster()).isEqualTo("a");

        Map<String, Integer> picks = pick(group, PICKS);

        assertThat(picks).containsExactlyInAnyOrderEntriesOf(Map.of("b", 500, "c", 500));
    }

    @Test
    void roundRobinLeavesOutAnUnhealthyCluster()
    {
        Cluster down = cluster("b", 10);
        ClusterGroup group = group(ClusterStrategy.roundRobin(), cluster("a", 10), down, cluster("c", 10));
        down.health(false, "down");

        assertThat(pick(group, PICKS)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 500, "c", 500));
    }

    @Test
    void failoverSendsEverythingToTheFirstHealthyCluster()
    {
        Cluster first = cluster("first", 10);
        Cluster second = cluster("second", 10);
        ClusterGroup group = group(ClusterStrategy.failover(), first, second, cluster("third", 10));

        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("first", PICKS));

        first.health(false, "down");
        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("second", PICKS));

        second.health(false, "down");
        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("third", PICKS));

        first.health(true, null);
        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("first", PICKS));
    }

    @Test
    void failoverSpillsToTheNextClusterWhenTheFirstIsFull()
    {
        ClusterGroup group = group(ClusterStrategy.failover(), cluster("first", 2), cluster("second", 10));
        List<TestingAdmission> held = List.of(TestingAdmission.admit(group, "h1"), TestingAdmission.admit(group, "h2"));
        assertThat(held).allSatisfy(admission -> assertThat(admission.cluster()).isEqualTo("first"));

        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("second", PICKS));

        held.get(0).slot().release(null);
        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("first", PICKS));
    }

    @Test
    void weightedFollowsTheWeights()
    {
        ClusterGroup group = group(ClusterStrategy.weighted(Map.of("a", 5, "b", 3, "c", 2)), cluster("a", 10), cluster("b", 10), cluster("c", 10));

        Map<String, Integer> picks = pick(group, PICKS);

        assertThat(picks.get("a")).isCloseTo(500, within(10));
        assertThat(picks.get("b")).isCloseTo(300, within(10));
        assertThat(picks.get("c")).isCloseTo(200, within(10));
    }

    @Test
    void weightedInterleavesRatherThanSendingRuns()
    {
        ClusterGroup group = group(ClusterStrategy.weighted(Map.of("a", 3, "b", 1)), cluster("a", 10), cluster("b", 10));

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            TestingAdmission admission = TestingAdmission.admit(group, "q" + i);
            order.add(admission.cluster());
            admission.slot().release(null);
        }

        assertThat(order.stream().filter("b"::equals).count()).isCloseTo(100, within(4L));
        // Smooth weighted round robin: in every window of 4 picks, b gets exactly one.
        for (int i = 0; i + 4 <= order.size(); i += 4) {
            assertThat(order.subList(i, i + 4)).as("picks %d to %d", i, i + 3).containsOnlyOnce("b");
        }
    }

    @Test
    void weightedGivesAClusterWithoutWeightTheWeightOne()
    {
        ClusterGroup group = group(ClusterStrategy.weighted(Map.of("a", 4)), cluster("a", 10), cluster("b", 10));

        Map<String, Integer> picks = pick(group, PICKS);

        assertThat(picks.get("a")).isCloseTo(800, within(10));
        assertThat(picks.get("b")).isCloseTo(200, within(10));
    }

    @Test
    void weightedSharesAmongTheRemainingClustersWhenOneIsDown()
    {
        Cluster a = cluster("a", 10);
        ClusterGroup group = group(ClusterStrategy.weighted(Map.of("a", 5, "b", 3, "c", 1)), a, cluster("b", 10), cluster("c", 10));
        a.health(false, "down");

        Map<String, Integer> picks = pick(group, PICKS);

        assertThat(picks).doesNotContainKey("a");
        assertThat(picks.get("b")).isCloseTo(750, within(10));
        assertThat(picks.get("c")).isCloseTo(250, within(10));
    }

    @Test
    void leastLoadedPrefersTheEmptierCluster()
    {
        Cluster busy = cluster("busy", 10);
        Cluster idle = cluster("idle", 10);
        ClusterGroup group = group(ClusterStrategy.leastLoaded(), busy, idle);
        // Load "busy" with 3 queries while "idle" cannot take any.
        idle.health(false, "maintenance");
        List<TestingAdmission> held = List.of(TestingAdmission.admit(group, "h1"), TestingAdmission.admit(group, "h2"), TestingAdmission.admit(group, "h3"));
        assertThat(held).allSatisfy(admission -> assertThat(admission.cluster()).isEqualTo("busy"));
        idle.health(true, null);

        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("idle", PICKS));

        // Once the load is gone, ties go to the first listed.
        held.forEach(admission -> admission.slot().release(null));
        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("busy", PICKS));
    }

    @Test
    void leastLoadedComparesTheShareOfCapacityInUse()
    {
        Cluster small = cluster("small", 4);
        Cluster large = cluster("large", 100);
        ClusterGroup group = group(ClusterStrategy.leastLoaded(), small, large);

        // Held queries fill the clusters by their share of capacity, not by count: after 52 of them
        // small runs 2 of 4 and large 50 of 100, both at half their capacity.
        List<TestingAdmission> held = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            held.add(TestingAdmission.admit(group, "h" + i));
        }
        assertThat(held.stream().filter(admission -> admission.cluster().equals("small")).count()).isEqualTo(2);
        assertThat(small.running()).isEqualTo(2);
        assertThat(large.running()).isEqualTo(50);

        // At equal shares the first listed wins; one more on large would take it to 51 %.
        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("small", PICKS));

        // Freeing 10 on large (40 %) makes it the emptier one for every pick.
        held.stream().filter(admission -> admission.cluster().equals("large")).limit(10).forEach(admission -> admission.slot().release(null));
        assertThat(pick(group, PICKS)).containsExactlyEntriesOf(Map.of("large", PICKS));
    }

    @Test
    void leastLoadedSpreadsConcurrentLoadAcrossClusters()
    {
        ClusterGroup group = group(ClusterStrategy.leastLoaded(), cluster("a", 10), cluster("b", 10), cluster("c", 10));

        Map<String, Integer> picks = new LinkedHashMap<>();
        List<TestingAdmission> held = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            TestingAdmission admission = TestingAdmission.admit(group, "q" + i);
            held.add(admission);
            picks.merge(admission.cluster(), 1, Integer::sum);
        }

        assertThat(picks).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10, "b", 10, "c", 10));
        held.forEach(admission -> admission.slot().release(null));
    }

    private ClusterGroup group(ClusterStrategy strategy, Cluster... clusters)
    {
        return new ClusterGroup("g", List.of(clusters), 1000, 10, Duration.ofHours(1), scheduler, strategy, Map.of());
    }

    private static Map<String, Integer> pick(ClusterGroup group, int count)
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
