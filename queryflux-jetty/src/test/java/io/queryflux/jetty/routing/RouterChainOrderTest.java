package io.queryflux.jetty.routing;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.RouterConfig;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;
import io.queryflux.spi.RoutingDecision;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.routing.TestingQueries.landed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same routers in another order route the same query elsewhere: the first router with an opinion
 * decides. Queries no router decides go to the fallback; a router that breaks fails the query
 * rather than letting it through to another group.
 */
class RouterChainOrderTest
{
    private static final RouterConfig BY_SOURCE = new RouterConfig("header", Map.of(
            "headerName", "X-Trino-Source",
            "headerValueToGroup", Map.of("airflow", "etl")));
    private static final RouterConfig BY_USER = new RouterConfig("userGroup", Map.of(
            "userToGroup", Map.of("alice", "analytics")));
    private static final RouterConfig DENY_DELETE = new RouterConfig("queryRegex", Map.of(
            "rules", List.of(Map.of("regex", "(?i)^\\s*delete\\b", "action", "deny", "error", "No deletes"))));

    @Test
    void headerBeforeUserGroup()
            throws Exception
    {
        try (TestingRoutingServer server = TestingRoutingServer.start(config(List.of(BY_SOURCE, BY_USER)))) {
            assertThat(landedAs(server, "alice", "airflow")).isEqualTo("etl");
            assertThat(landedAs(server, "alice", "superset")).isEqualTo("analytics");
            assertThat(landedAs(server, "carol", "airflow")).isEqualTo("etl");
            assertThat(landedAs(server, "carol", "superset")).isEqualTo("fallback");
        }
    }

    @Test
    void userGroupBeforeHeader()
            throws Exception
    {
        try (TestingRoutingServer server = TestingRoutingServer.start(config(List.of(BY_USER, BY_SOURCE)))) {
            // The only difference to headerBeforeUserGroup: alice's airflow query goes to her group.
            assertThat(landedAs(server, "alice", "airflow")).isEqualTo("analytics");
            assertThat(landedAs(server, "alice", "superset")).isEqualTo("analytics");
            assertThat(landedAs(server, "carol", "airflow")).isEqualTo("etl");
            assertThat(landedAs(server, "carol", "superset")).isEqualTo("fallback");
        }
    }

    @Test
    void aDenyRuleOnlyGuardsTheRoutersAfterIt()
            throws Exception
    {
        try (TestingRoutingServer server = TestingRoutingServer.start(config(List.of(BY_USER, DENY_DELETE)))) {
            // alice is routed before the deny rule is asked; carol is not.
            try (Connection connection = server.connect("alice", Map.of())) {
                assertThat(landed(connection, "DELETE FROM t").group()).isEqualTo("analytics");
            }
            try (Connection connection = server.connect("carol", Map.of())) {
                assertThatThrownBy(() -> landed(connection, "DELETE FROM t"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED.code()))
                        .hasMessageContaining("No deletes");
            }
        }
        try (TestingRoutingServer server = TestingRoutingServer.start(config(List.of(DENY_DELETE, BY_USER)));
                Connection connection = server.connect("alice", Map.of())) {
            assertThatThrownBy(() -> landed(connection, "DELETE FROM t")).hasMessageContaining("No deletes");
            assertThat(server.backend().received()).isEmpty();
        }
    }

    @Test
    void aBrokenRouterFailsTheQueryInsteadOfPassingItOn()
            throws Exception
    {
        RouterFactory broken = new RouterFactory()
        {
            @Override
            public String name()
            {
                return "broken";
            }

            @Override
            public Router create(ProviderConfig config, RouterContext context)
            {
                return (sql, session) -> {
                    if (sql.contains("explode")) {
                        throw new IllegalStateException("router bug");
                    }
                    return RoutingDecision.noOpinion();
                };
            }
        };
        QueryFluxConfig config = config(List.of(new RouterConfig("broken", Map.of()), BY_USER));
        try (TestingRoutingServer server = TestingRoutingServer.start(builder -> builder.config(config).routerFactory(broken));
                Connection connection = server.connect("alice", Map.of())) {
            assertThat(landed(connection, "SELECT 1").group()).isEqualTo("analytics");
            assertThatThrownBy(() -> landed(connection, "SELECT 'explode'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.GENERIC_INTERNAL_ERROR.code()))
                    .hasMessageContaining("Router routers[0] broken failed");
            assertThat(server.backend().received()).hasSize(1);
        }
    }

    private static String landedAs(TestingRoutingServer server, String user, String source)
            throws SQLException
    {
        try (Connection connection = server.connect(user, Map.of("source", source))) {
            return landed(connection, "SELECT 1").group();
        }
    }

    static QueryFluxConfig config(List<RouterConfig> routers)
    {
        QueryFluxConfig.Builder builder = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()));
        for (String group : List.of("fallback", "analytics", "etl")) {
            builder.clusterGroup(ClusterGroupConfig.builder(group, TestingRoutingBackendFactory.NAME)
                    .maxRunningQueries(2)
                    .cluster(group + "-1", Map.of())
                    .build());
        }
        routers.forEach(builder::router);
        return builder.routingFallback("fallback").build();
    }
}
