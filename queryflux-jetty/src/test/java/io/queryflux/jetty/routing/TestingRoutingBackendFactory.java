package io.queryflux.jetty.routing;

import io.queryflux.core.testing.TestingBackendFactory;
import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.ResultSink;
import io.queryflux.spi.TrinoType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An engine that says where a query landed. The commands of {@link TestingBackendFactory}
 * ({@code rows N}, {@code block}, {@code fail ...}, {@code update N}) run as there; any other SQL
 * answers one row {@code (grp, cluster, tags)}: the cluster group and cluster that ran it and the
 * query tags it arrived with, as sorted {@code key=value} pairs ({@code key} alone for a key-only tag).
 * {@code hold} answers that row too, but only once the test calls {@link #releaseHolds()}, and
 * produces nothing before; {@code crash} fails as a broken engine does ({@code BACKEND_ERROR}). Every query is recorded, and each cluster's health probe can be switched
 * off and on.
 */
final class TestingRoutingBackendFactory
        implements BackendFactory
{
    static final String NAME = "routingTesting";

    private static final Set<String> SCRIPTED = Set.of("rows", "block", "fail", "update");

    private final TestingBackendFactory scripted = new TestingBackendFactory();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final CountDownLatch holds = new CountDownLatch(1);

    /** A query as the backend received it. */
    record Received(String group, String cluster, String sql, String user, Map<String, String> tags) {}

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Backend create(ProviderConfig config, BackendContext context)
    {
        Backend delegate = scripted.create(config, context);
        return new Backend()
        {
            @Override
            public void execute(QueryRequest query, ResultSink sink, Cancellation cancellation)
            {
                received.add(new Received(context.groupName(), context.clusterName(), query.sql(), query.session().user(), query.session().tags()));
                String command = query.sql().trim().split("\\s+", 2)[0];
                if (SCRIPTED.contains(command)) {
                    delegate.execute(query, sink, cancellation);
                    return;
                }
                if (command.equals("crash")) {
                    throw new QueryFluxException(ErrorCode.BACKEND_ERROR, context.clusterName() + " crashed");
                }
                if (command.equals("hold")) {
                    awaitRelease(cancellation);
                }
                sink.columns(List.of(new Column("grp", TrinoType.VARCHAR), new Column("cluster", TrinoType.VARCHAR), new Column("tags", TrinoType.VARCHAR)));
                sink.row(new Object[] {context.groupName(), context.clusterName(), render(query.session().tags())});
            }

            @Override
            public void checkHealth(Duration timeout)
            {
                if (down.contains(context.clusterName())) {
                    throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, context.clusterName() + " is down");
                }
            }

            @Override
            public void close()
            {
                delegate.close();
            }
        };
    }

    /** Tags as the {@code tags} column shows them: {@code env=prod,team=eng}. */
    static String render(Map<String, String> tags)
    {
        return new TreeMap<>(tags).entrySet().stream()
                .map(tag -> tag.getValue() == null ? tag.getKey() : tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(","));
    }

    /** Lets every {@code hold} query, running or still to come, answer. */
    void releaseHolds()
    {
        holds.countDown();
    }

    private void awaitRelease(Cancellation cancellation)
    {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            while (!holds.await(50, TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    throw new QueryFluxException(ErrorCode.USER_CANCELED, "canceled");
                }
                if (System.nanoTime() > deadline) {
                    throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "hold was never released");
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFluxException(ErrorCode.USER_CANCELED, "interrupted");
        }
    }

    /** The cluster's health probe fails from now on. */
    void down(String cluster)
    {
        down.add(cluster);
    }

    /** The cluster's health probe passes from now on. */
    void up(String cluster)
    {
        down.remove(cluster);
    }

    List<Received> received()
    {
        return List.copyOf(received);
    }

    /** The scripted testing engine behind {@code rows}, {@code block}, ...; its counts cover those commands only. */
    TestingBackendFactory scripted()
    {
        return scripted;
    }
}
