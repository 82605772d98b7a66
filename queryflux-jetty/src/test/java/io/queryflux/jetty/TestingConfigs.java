package io.queryflux.jetty;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;

import java.time.Duration;
import java.util.Map;

/**
 * Configs for the end-to-end tests: one cluster group on the in-memory DuckDB engine.
 * (Groups on the scriptable testing engine come from {@code TestingQueryFlux.testingGroup}.)
 */
public final class TestingConfigs
{
    /** The name of the DuckDB cluster group. */
    public static final String DUCKDB_GROUP = "duckdb";
    /** The name of the testing engine's cluster group in {@code TestingQueryFlux.testingGroup}. */
    public static final String TESTING_GROUP = "test";

    private TestingConfigs() {}

    public static QueryFluxConfig duckDb(int maxRunningQueries, Map<String, Object> trinoHttp)
    {
        return QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, trinoHttp))
                .clusterGroup(ClusterGroupConfig.builder(DUCKDB_GROUP, "duckDb")
                        .maxRunningQueries(maxRunningQueries)
                        .maxQueuedQueries(100)
                        .capacityWaitTimeout(Duration.ofMinutes(1))
                        .cluster("duckdb-1", Map.of("databasePath", ":memory:"))
                        .build())
                .routingFallback(DUCKDB_GROUP)
                .build();
    }
}
