package io.queryflux.core.internal.engine;

import io.queryflux.spi.Backend;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.ResultSink;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend for admission tests that never runs anything; its health probe answers as the test
 * says: up, down, or not at all until {@link #answerProbes()}.
 */
final class TestingClusterBackend
        implements Backend
{
    private final String name;
    private final AtomicInteger probes = new AtomicInteger();
    private volatile boolean up = true;
    private volatile CountDownLatch hang;

    TestingClusterBackend(String name)
    {
        this.name = name;
    }

    /** A cluster of this backend with its own cap and a breaker that never opens. */
    static Cluster cluster(String name, int maxRunningQueries)
    {
        return new Cluster(name, new TestingClusterBackend(name), maxRunningQueries, new CircuitBreaker(disabledBreaker(), System::currentTimeMillis));
    }

    static CircuitBreaker.Settings disabledBreaker()
    {
        return new CircuitBreaker.Settings(false, 0.5, 10, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    void up()
    {
        up = true;
    }

    void down()
    {
        up = false;
    }

    /** Probes block (until the probe's timeout interrupts them) until {@link #answerProbes()}. */
    void hangProbes()
    {
        hang = new CountDownLatch(1);
    }

    void answerProbes()
    {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    int probes()
    {
        return probes.get();
    }

    @Override
    public void execute(QueryRequest query, ResultSink sink, Cancellation cancellation)
    {
        throw new UnsupportedOperationException("admission tests run no queries");
    }

    @Override
    public void checkHealth(Duration timeout)
    {
        probes.incrementAndGet();
        CountDownLatch latch = hang;
        if (latch != null) {
            try {
                latch.await(1, TimeUnit.MINUTES);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryFluxException(ErrorCode.BACKEND_TIMEOUT, name + " probe interrupted");
            }
        }
        if (!up) {
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, name + " is down");
        }
    }
}
