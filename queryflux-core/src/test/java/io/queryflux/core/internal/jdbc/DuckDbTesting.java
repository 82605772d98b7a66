package io.queryflux.core.internal.jdbc;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.SessionContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds backends from config maps the way the server does, and runs queries on them.
 */
final class DuckDbTesting
{
    private DuckDbTesting() {}

    static Backend inMemoryDuckDb(int maxRunningQueries)
    {
        return create(new DuckDbBackendFactory(), Map.of("databasePath", ":memory:"), maxRunningQueries);
    }

    /** A backend that must be valid: fails the test on any config problem. */
    static Backend create(BackendFactory factory, Map<String, ?> config, int maxRunningQueries)
    {
        ConfigProblems problems = new ConfigProblems();
        Backend backend = createReporting(factory, config, maxRunningQueries, problems);
        assertThat(problems.list()).isEmpty();
        assertThat(backend).isNotNull();
        return backend;
    }

    static Backend createReporting(BackendFactory factory, Map<String, ?> config, int maxRunningQueries, ConfigProblems problems)
    {
        MapProviderConfig providerConfig = new MapProviderConfig("clusters[0]", config, problems);
        Backend backend = factory.create(providerConfig, new BackendContext("group", "cluster0", maxRunningQueries));
        providerConfig.reportUnknownKeys();
        return backend;
    }

    static TestingResultSink run(Backend backend, String sql)
    {
        TestingResultSink sink = new TestingResultSink();
        backend.execute(query(sql), sink, new TestingCancellation());
        return sink;
    }

    static void run(Backend backend, String sql, TestingResultSink sink, Cancellation cancellation)
    {
        backend.execute(query(sql), sink, cancellation);
    }

    static QueryRequest query(String sql)
    {
        return new QueryRequest("20240101_000000_00000_aaaaa", sql, new SessionContext(SessionContext.TRINO_HTTP, "test", null, Map.of(), Map.of()));
    }

    static List<Object> values(Object... values)
    {
        return Arrays.asList(values);
    }
}
