package io.queryflux.core.config;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static io.queryflux.core.config.ConfigLoaderTest.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryFluxConfigBuilderTest
{
    private static final ClusterGroupConfig LOCAL = ClusterGroupConfig.builder("local", "duckDb")
            .cluster("local-1", Map.of("databasePath", ":memory:"))
            .build();

    @Test
    void buildsAValidConfig()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .trinoHttp(9090)
                .clusterGroup(LOCAL)
                .router("header", Map.of("headerName", "X-Target"))
                .routingFallback("local")
                .build();

        assertThat(config.frontends()).containsExactly(Map.entry("trinoHttp", new FrontendConfig("trinoHttp", true, 9090, Map.of())));
        assertThat(config.clusterGroups()).containsExactly(Map.entry("local", LOCAL));
        assertThat(config.routers()).containsExactly(new RouterConfig("header", Map.of("headerName", "X-Target")));
        assertThat(config.routingFallback()).isEqualTo("local");
        assertThat(config.externalAddressValue()).isEmpty();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void enablesTrinoHttpOnPort8080WithoutFrontends()
    {
        QueryFluxConfig config = minimal().build();

        assertThat(config.frontends()).containsExactly(Map.entry("trinoHttp", new FrontendConfig("trinoHttp", true, 8080, Map.of())));
    }

    @Test
    void keepsADisabledFrontendInsteadOfTheDefault()
    {
        FrontendConfig disabled = new FrontendConfig("trinoHttp", false, 0, Map.of());

        assertThat(minimal().frontend(disabled).build().frontends()).containsExactly(Map.entry("trinoHttp", disabled));
    }

    @Test
    void stripsOneTrailingSlashFromTheExternalAddress()
    {
        assertThat(minimal().externalAddress("https://queryflux.example.com/sql/").build().externalAddress())
                .isEqualTo("https://queryflux.example.com/sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080", "/relative", "ftp://example.com", "http://example.com/?a=b", "http://example.com/#top", "http://exa mple.com"})
    void rejectsABadExternalAddress(String address)
    {
        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> minimal().externalAddress(address).build())))
                .singleElement()
                .asString()
                .startsWith("queryflux.externalAddress ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65535})
    void acceptsPortsInRange(int port)
    {
        assertThat(minimal().trinoHttp(port).build().frontends().get("trinoHttp").port()).isEqualTo(port);
    }

    @Test
    void reportsEveryBrokenRuleAtOnce()
    {
        QueryFluxConfig.Builder builder = QueryFluxConfig.builder()
                .trinoHttp(70000)
                .clusterGroup(ClusterGroupConfig.builder("first", "duckDb")
                        .maxRunningQueries(0)
                        .maxQueuedQueries(-1)
                        .capacityWaitTimeout(Duration.ZERO)
                        .cluster("shared", Map.of())
                        .cluster(new ClusterConfig("capped", OptionalInt.of(0), Map.of()))
                        .build())
                .clusterGroup(ClusterGroupConfig.builder("second", " ")
                        .cluster("shared", Map.of())
                        .cluster(" ", Map.of())
                        .build())
                .clusterGroup(ClusterGroupConfig.builder("no clusters", "duckDb").build())
                .clusterGroup(ClusterGroupConfig.builder("second", "duckDb").cluster("other", Map.of()).build())
                .router(" ", Map.of())
                .routingFallback("missing");

        QueryFluxException exception = catchThrowableOfType(QueryFluxException.class, builder::build);

        assertThat(exception.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(problemsOf(exception)).containsExactlyInAnyOrder(
                "queryflux.frontends.trinoHttp.port must be between 0 and 65535, not 70000",
                "clusterGroups.first.maxRunningQueries must be > 0, not 0",
                "clusterGroups.first.maxQueuedQueries must be >= 0, not -1",
                "clusterGroups.first.capacityWaitTimeout must be > 0, not PT0S",
                "clusterGroups.first.clusters[1].maxRunningQueries must be > 0, not 0",
                "clusterGroups.second.engine is required",
                "clusterGroups.second.clusters[0].name 'shared' is already used by clusterGroups.first.clusters[0]; cluster names must be unique",
                "clusterGroups.second.clusters[1].name is required",
                "clusterGroups.no clusters is not a valid group name: use only letters, digits, '_', '.' and '-'",
                "clusterGroups.no clusters.clusters must contain at least one cluster",
                "clusterGroups.second is configured twice",
                "routers[0].type is required",
                "routingFallback 'missing' is not a cluster group (configured: first, second, no clusters)");
    }

    @Test
    void requiresAClusterGroupAndAFallback()
    {
        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> QueryFluxConfig.builder().build())))
                .containsExactly("clusterGroups must contain at least one cluster group", "routingFallback is required");
    }

    @Test
    void reportsAFrontendAddedTwice()
    {
        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> minimal().trinoHttp(8080).trinoHttp(8081).build())))
                .containsExactly("queryflux.frontends.trinoHttp is configured twice");
    }

    @Test
    void checksARecordBuiltWithoutTheBuilder()
    {
        QueryFluxConfig config = new QueryFluxConfig(
                null,
                Map.of("http", new FrontendConfig("trinoHttp", true, 8080, Map.of())),
                Map.of("alias", LOCAL),
                List.of(),
                "alias");

        assertThat(config.problems()).containsExactly(
                "queryflux.frontends.http.name 'trinoHttp' differs from the frontend's key",
                "clusterGroups.alias.name 'local' differs from the group's key");
    }

    private static QueryFluxConfig.Builder minimal()
    {
        return QueryFluxConfig.builder()
                .clusterGroup(LOCAL)
                .routingFallback("local");
    }
}
