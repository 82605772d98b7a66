package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.queryflux.core.internal.routing.RouterFixture.GROUPS;
import static io.queryflux.core.internal.routing.RouterFixture.session;
import static org.assertj.core.api.Assertions.assertThat;

class ProtocolBasedRouterTest
{
    private final RouterFixture fixture = new RouterFixture();

    @Test
    void routesByTheFrontendProtocol()
    {
        Router router = fixture.valid(new ProtocolBasedRouterFactory(), "{ trinoHttp: analytics, postgresWire: adhoc }");

        assertThat(router.route("SELECT 1", session("trinoHttp", null, Map.of(), Map.of())))
                .isEqualTo(RoutingDecision.route("analytics", "protocol trinoHttp"));
        assertThat(router.route("SELECT 1", session("postgresWire", null, Map.of(), Map.of())).group()).isEqualTo("adhoc");
    }

    @Test
    void hasNoOpinionOnAProtocolThatIsNotListed()
    {
        Router router = fixture.valid(new ProtocolBasedRouterFactory(), "{ trinoHttp: analytics }");

        assertThat(router.route("SELECT 1", session("mysqlWire", null, Map.of(), Map.of()))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void acceptsAnyKeyAsAProtocolSoThatPluginFrontendsCanBeRouted()
    {
        Router router = fixture.valid(new ProtocolBasedRouterFactory(), "{ myPluginWire: batch }");

        assertThat(router.route("SELECT 1", session("myPluginWire", null, Map.of(), Map.of())).group()).isEqualTo("batch");
    }

    @Test
    void reportsEveryBadEntryWithItsPath()
    {
        Router router = fixture.create(new ProtocolBasedRouterFactory(), "{ trinoHttp: nope, postgresWire: null, mysqlWire: [a], flightSql: analytics }");

        assertThat(router).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].trinoHttp must be one of the cluster groups " + GROUPS + ", not 'nope'",
                "routers[0].postgresWire must name a cluster group",
                "routers[0].mysqlWire must be a string");
    }

    @Test
    void reportsAnEntryWithoutProtocols()
    {
        Router router = fixture.create(new ProtocolBasedRouterFactory(), "{}");

        assertThat(router).isNull();
        assertThat(fixture.problems()).containsExactly("routers[0] must map at least one frontend protocol to a cluster group, e.g. trinoHttp: <group>");
    }
}
