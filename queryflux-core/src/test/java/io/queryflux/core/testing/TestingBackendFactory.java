package io.queryflux.core.testing;

import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.ResultSink;
import io.queryflux.spi.TrinoType;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable engine for tests of the proxy's own behaviour (paging, backpressure, cancel, slot
 * release), where a real engine's timing would make the test loose. Its SQL is a command:
 * <ul>
 * <li>{@code rows N}: N rows of {@code (n bigint, label varchar)};
 * <li>{@code block}: waits until cancelled (or 60 s), then fails;
 * <li>{@code fail MESSAGE}: a syntax error at line 1, column 8;
 * <li>{@code update N}: an update count.
 * </ul>
 */
public final class TestingBackendFactory
        implements BackendFactory
{
    public static final String NAME = "testing";

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final ConcurrentHashMap<String, Boolean> closed = new ConcurrentHashMap<>();

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Backend create(ProviderConfig config, BackendContext context)
    {
        return new Backend()
        {
            @Override
            public void execute(QueryRequest query, ResultSink sink, Cancellation cancellation)
            {
                started.incrementAndGet();
                peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    run(query.sql().trim(), sink, cancellation);
                }
                finally {
                    running.decrementAndGet();
                }
            }

            @Override
            public void close()
            {
                closed.put(context.clusterName(), true);
            }
        };
    }

    /** Queries inside a backend right now. */
    public int running()
    {
        return running.get();
    }

    public int peakRunning()
    {
        return peakRunning.get();
    }

    public int started()
    {
        return started.get();
    }

    public boolean isClosed(String cluster)
    {
        return closed.containsKey(cluster);
    }

    private static void run(String sql, ResultSink sink, Cancellation cancellation)
    {
        String[] command = sql.split("\\s+", 2);
        switch (command[0]) {
            case "rows" -> {
                sink.columns(List.of(new Column("n", TrinoType.BIGINT), new Column("label", TrinoType.VARCHAR)));
                long count = Long.parseLong(command[1]);
                Object[] row = new Object[2];
                for (long i = 0; i < count; i++) {
                    if (cancellation.isCancelled()) {
                        throw new QueryFluxException(ErrorCode.USER_CANCELED, "canceled");
                    }
                    row[0] = i;
                    row[1] = "row-" + i;
                    sink.row(row);
                }
            }
            case "block" -> {
                CountDownLatch latch = new CountDownLatch(1);
                cancellation.onCancel(latch::countDown);
                try {
                    latch.await(60, TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new QueryFluxException(ErrorCode.USER_CANCELED, "canceled");
            }
            case "fail" -> throw new QueryFluxException(ErrorCode.SYNTAX_ERROR, command.length > 1 ? command[1] : "failed", new ErrorLocation(1, 8), null);
            case "update" -> sink.updateCount(Long.parseLong(command[1]));
            default -> throw new QueryFluxException(ErrorCode.SYNTAX_ERROR, "Unknown testing command: " + sql);
        }
    }
}
