package io.queryflux.jetty.firebolt;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.jetty.TestingServer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * QueryFlux with one cluster group on a {@link TestingFireboltCore}, for the end-to-end tests: Trino
 * clients talk to QueryFlux, QueryFlux talks Firebolt's protocol to the testing engine.
 */
final class TestingFireboltServer
        implements AutoCloseable
{
    static final String GROUP = "firebolt";

    private final TestingFireboltCore core;
    private final TestingServer server;

    private TestingFireboltServer(TestingFireboltCore core, TestingServer server)
    {
        this.core = core;
        this.server = server;
    }

    static TestingFireboltServer start(int maxRunningQueries)
    {
        return start(maxRunningQueries, Map.of());
    }

    static TestingFireboltServer start(int maxRunningQueries, Map<String, Object> clusterProperties)
    {
        TestingFireboltCore core = TestingFireboltCore.start();
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("endpoint", core.endpoint());
        cluster.putAll(clusterProperties);
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(ClusterGroupConfig.builder(GROUP, "firebolt")
                        .maxRunningQueries(maxRunningQueries)
                        .maxQueuedQueries(100)
                        .capacityWaitTimeout(Duration.ofMinutes(1))
                        .cluster("firebolt-1", cluster)
                        .build())
                .routingFallback(GROUP)
                .build();
        return new TestingFireboltServer(core, TestingServer.start(config));
    }

    TestingFireboltCore core()
    {
        return core;
    }

    TestingServer server()
    {
        return server;
    }

    int runningQueries()
    {
        return server.queryFlux().runningQueries(GROUP);
    }

    @Override
    public void close()
    {
        try (TestingFireboltCore ignored = core) {
            server.close();
        }
    }
}
