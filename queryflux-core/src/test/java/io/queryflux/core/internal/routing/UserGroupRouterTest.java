package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import org.junit.jupiter.api.Test;

import static io.queryflux.core.internal.routing.RouterFixture.GROUPS;
import static io.queryflux.core.internal.routing.RouterFixture.trino;
import static io.queryflux.core.internal.routing.RouterFixture.withUser;
import static org.assertj.core.api.Assertions.assertThat;

class UserGroupRouterTest
{
    private final RouterFixture fixture = new RouterFixture();

    @Test
    void routesByTheAuthenticatedUser()
    {
        Router router = fixture.valid(new UserGroupRouterFactory(), "{ userToGroup: { alice: analytics, etl-bot: batch } }");

        assertThat(router.route("SELECT 1", withUser("alice"))).isEqualTo(RoutingDecision.route("analytics", "user alice"));
        assertThat(router.route("SELECT 1", withUser("etl-bot")).group()).isEqualTo("batch");
    }

    @Test
    void hasNoOpinionOnAnotherUserOrNone()
    {
        Router router = fixture.valid(new UserGroupRouterFactory(), "{ userToGroup: { alice: analytics } }");

        assertThat(router.route("SELECT 1", withUser("Alice"))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", withUser("bob"))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", trino())).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void reportsAMissingMapping()
    {
        assertThat(fixture.create(new UserGroupRouterFactory(), "{ userToGrup: { alice: analytics } }")).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].userToGroup is required",
                "routers[0].userToGrup is not a known key");
    }

    @Test
    void reportsBadEntries()
    {
        assertThat(fixture.create(new UserGroupRouterFactory(), "{ userToGroup: { alice: nope, bob: null, carol: '' } }")).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].userToGroup.alice must be one of the cluster groups " + GROUPS + ", not 'nope'",
                "routers[0].userToGroup.bob must name a cluster group",
                "routers[0].userToGroup.carol must name a cluster group");
    }
}
