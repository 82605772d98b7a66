package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.queryflux.core.internal.routing.RouterFixture.GROUPS;
import static io.queryflux.core.internal.routing.RouterFixture.trino;
import static io.queryflux.core.internal.routing.RouterFixture.withHeaders;
import static org.assertj.core.api.Assertions.assertThat;

class HeaderRouterTest
{
    private static final String CONFIG = "{ headerName: X-Target-Engine, headerValueToGroup: { duckdb: adhoc, trino: analytics } }";

    private final RouterFixture fixture = new RouterFixture();

    @Test
    void routesOnAnExactValue()
    {
        Router router = fixture.valid(new HeaderRouterFactory(), CONFIG);

        assertThat(router.route("SELECT 1", withHeaders(Map.of("x-target-engine", "duckdb"))).group()).isEqualTo("adhoc");
        assertThat(router.route("SELECT 1", withHeaders(Map.of("x-target-engine", "trino"))).group()).isEqualTo("analytics");
    }

    @Test
    void matchesHeaderNamesInAnyCase()
    {
        Router router = fixture.valid(new HeaderRouterFactory(), "{ headerName: x-TARGET-engine, headerValueToGroup: { duckdb: adhoc } }");

        assertThat(router.route("SELECT 1", withHeaders(Map.of("X-Target-Engine", "duckdb"))).group()).isEqualTo("adhoc");
        assertThat(router.route("SELECT 1", withHeaders(Map.of("x-target-engine", "duckdb"))).group()).isEqualTo("adhoc");
    }

    @Test
    void hasNoOpinionOnAnotherValueOrAMissingHeader()
    {
        Router router = fixture.valid(new HeaderRouterFactory(), CONFIG);

        assertThat(router.route("SELECT 1", withHeaders(Map.of("x-target-engine", "DuckDB")))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", withHeaders(Map.of("x-target-engine", "duckdb ")))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", trino())).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void keepsTheHeaderValueOutOfTheReason()
    {
        Router router = fixture.valid(new HeaderRouterFactory(), "{ headerName: X-Api-Key, headerValueToGroup: { s3cr3t-token: batch } }");

        RoutingDecision decision = router.route("SELECT 1", withHeaders(Map.of("x-api-key", "s3cr3t-token")));

        assertThat(decision.group()).isEqualTo("batch");
        assertThat(decision.reason()).contains("X-Api-Key").doesNotContain("s3cr3t");
    }

    @Test
    void reportsMissingKeys()
    {
        assertThat(fixture.create(new HeaderRouterFactory(), "{}")).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].headerName is required",
                "routers[0].headerValueToGroup is required");
    }

    @Test
    void reportsWrongTypes()
    {
        assertThat(fixture.create(new HeaderRouterFactory(), "{ headerName: [a, b], headerValueToGroup: duckdb }")).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].headerName must be a string",
                "routers[0].headerValueToGroup must be a map");
    }

    @Test
    void reportsAnUnknownGroupAndAnEmptyMapping()
    {
        assertThat(fixture.create(new HeaderRouterFactory(), "{ headerName: X-A, headerValueToGroup: { a: nope, b: { c: d } } }")).isNull();
        assertThat(fixture.create(new HeaderRouterFactory(), "{ headerName: X-A, headerValueToGroup: {} }")).isNull();

        assertThat(fixture.problems()).containsExactly(
                "routers[0].headerValueToGroup.a must be one of the cluster groups " + GROUPS + ", not 'nope'",
                "routers[0].headerValueToGroup.b must be a string",
                "routers[0].headerValueToGroup must map at least one name to a cluster group");
    }
}
