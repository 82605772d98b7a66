package io.queryflux.core.internal.engine;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.testing.TestingBackendFactory;
import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Column;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryObserver;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.ResultSink;
import io.queryflux.spi.SessionContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.queryflux.core.internal.engine.TestingAwait.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 concurrent submissions to a group with {@code maxRunningQueries: 3} (over two clusters that could
 * take 3 each): never more than 3 run at once, the cap is really reached, and all 200 finish.
 */
class AdmissionStressTest
{
    private static final int QUERIES = 200;
    private static final int MAX_RUNNING = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void neverMoreThanMaxRunningQueriesRunAndAllFinish()
            throws Exception
    {
        GatedBackendFactory backends = new GatedBackendFactory();
        QueryFluxConfig config = QueryFluxConfig.builder()
                .clusterGroup(ClusterGroupConfig.builder("stress", TestingBackendFactory.NAME)
                        .maxRunningQueries(MAX_RUNNING)
                        .maxQueuedQueries(QUERIES)
                        .capacityWaitTimeout(Duration.ofMinutes(2))
                        .cluster("stress-1", Map.of())
                        .cluster("stress-2", Map.of())
                        .build())
                .routingFallback("stress")
                .build();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try (QueryFlux queryFlux = QueryFlux.builder().config(config).backendFactory(backends).build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<RecordingObserver> observers = new ArrayList<>();
            List<Future<?>> submissions = new ArrayList<>();
            for (int i = 0; i < QUERIES; i++) {
                RecordingObserver observer = new RecordingObserver();
                observers.add(observer);
                submissions.add(clients.submit(() -> {
                    start.await();
                    SessionContext session = new SessionContext(SessionContext.TRINO_HTTP, "stress", null, Map.of(), Map.of());
                    return queryFlux.engine().submit("rows 50", Credentials.user("stress"), session, observer);
                }));
            }
            start.countDown();
            for (Future<?> submission : submissions) {
                submission.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }

            // Every query is in: the first three hold the gate, the rest wait their turn.
            await("3 queries run and 197 wait", DEADLINE, () -> backends.running() == MAX_RUNNING && backends.testing.running() == MAX_RUNNING
                    && queryFlux.queuedQueries("stress") == QUERIES - MAX_RUNNING);
            assertThat(queryFlux.runningQueries("stress")).isEqualTo(MAX_RUNNING);
            assertThat(backends.peak()).isEqualTo(MAX_RUNNING);

            backends.open();
            for (RecordingObserver observer : observers) {
                assertThat(observer.done.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("a query finished in time").isTrue();
            }

            assertThat(observers).allSatisfy(observer -> {
                assertThat(observer.failure).isNull();
                assertThat(observer.rows.get()).isEqualTo(50);
                assertThat(observer.group).isEqualTo("stress");
            });
            assertThat(backends.started()).isEqualTo(QUERIES);
            assertThat(backends.testing.started()).isEqualTo(QUERIES);
            // Both the counter of the wrapper and the testing engine's own saw the cap hold, and reached.
            assertThat(backends.peak()).isEqualTo(MAX_RUNNING);
            assertThat(backends.testing.peakRunning()).isEqualTo(MAX_RUNNING);
            // The group cap, not a cluster's, is what held: both clusters ran queries.
            assertThat(backends.perCluster).containsOnlyKeys("stress-1", "stress-2");
            await("every slot is released", DEADLINE, () -> queryFlux.runningQueries("stress") == 0);
            assertThat(queryFlux.queuedQueries("stress")).isZero();
        }
        finally {
            clients.shutdownNow();
        }
    }

    /**
     * The testing engine behind a gate: each query counts itself running, then waits for the gate
     * before the testing engine produces its rows. The count is taken inside the backend, so it is
     * what the engines really saw at once.
     */
    private static final class GatedBackendFactory
            implements BackendFactory
    {
        private final TestingBackendFactory testing = new TestingBackendFactory();
        private final CountDownLatch gate = new CountDownLatch(1);
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger started = new AtomicInteger();
        private final Map<String, AtomicLong> perCluster = new ConcurrentHashMap<>();

        @Override
        public String name()
        {
            return TestingBackendFactory.NAME;
        }

        @Override
        public Backend create(ProviderConfig config, BackendContext context)
        {
            Backend delegate = testing.create(config, context);
            return new Backend()
            {
                @Override
                public void execute(QueryRequest query, ResultSink sink, Cancellation cancellation)
                {
                    started.incrementAndGet();
                    perCluster.computeIfAbsent(context.clusterName(), ignored -> new AtomicLong()).incrementAndGet();
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        // The gate is inside the testing engine's run, so that its own count sees the waiting queries too.
                        delegate.execute(query, new ResultSink()
                        {
                            @Override
                            public void columns(List<Column> columns)
                            {
                                awaitGate();
                                sink.columns(columns);
                            }

                            @Override
                            public void row(Object[] values)
                            {
                                sink.row(values);
                            }

                            @Override
                            public void updateCount(long count)
                            {
                                sink.updateCount(count);
                            }
                        }, cancellation);
                    }
                    finally {
                        running.decrementAndGet();
                    }
                }
            };
        }

        private void awaitGate()
        {
            try {
                if (!gate.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("the gate was never opened");
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted at the gate", e);
            }
        }

        void open()
        {
            gate.countDown();
        }

        int running()
        {
            return running.get();
        }

        int peak()
        {
            return peak.get();
        }

        int started()
        {
            return started.get();
        }
    }

    private static final class RecordingObserver
            implements QueryObserver
    {
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicInteger rows = new AtomicInteger();
        private volatile String group;
        private volatile QueryFluxException failure;

        @Override
        public void started(String group, String cluster)
        {
            this.group = group;
        }

        @Override
        public void columns(List<Column> columns) {}

        @Override
        public void row(Object[] values)
        {
            rows.incrementAndGet();
        }

        @Override
        public void updateCount(long count) {}

        @Override
        public void finished()
        {
            done.countDown();
        }

        @Override
        public void failed(QueryFluxException error)
        {
            failure = error;
            done.countDown();
        }
    }
}
