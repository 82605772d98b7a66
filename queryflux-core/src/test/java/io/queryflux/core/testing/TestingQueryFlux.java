package io.queryflux.core.testing;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.QueryFluxConfig;

import java.time.Duration;
import java.util.Map;

/**
 * Configs for tests: one group on the {@link TestingBackendFactory} or on an in-memory DuckDB.
 */
public final class TestingQueryFlux
{
    private TestingQueryFlux() {}

    public static QueryFluxConfig testingGroup(int maxRunningQueries, Map<String, Object> trinoHttp)
    {
        return QueryFluxConfig.builder()
                .frontend(new io.queryflux.core.config.FrontendConfig("trinoHttp", true, 0, trinoHttp))
                .clusterGroup(ClusterGroupConfig.builder("test", TestingBackendFactory.NAME)
                        .maxRunningQueries(maxRunningQueries)
                        .maxQueuedQueries(100)
                        .capacityWaitTimeout(Duration.ofMinutes(1))
                        .cluster("test-1", Map.of())
                        .build())
                .routingFallback("test")
                .build();
    }

    public static QueryFluxConfig duckDbGroup(int maxRunningQueries)
    {
        return QueryFluxConfig.builder()
                .frontend(new io.queryflux.core.config.FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(ClusterGroupConfig.builder("duckdb", "duckDb")
                        .maxRunningQueries(maxRunningQueries)
                        .cluster("duckdb-1", Map.of("databasePath", ":memory:"))
                        .build())
                .routingFallback("duckdb")
                .build();
    }
}
