package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.queryflux.core.internal.routing.RouterFixture.GROUPS;
import static io.queryflux.core.internal.routing.RouterFixture.session;
import static io.queryflux.core.internal.routing.RouterFixture.tags;
import static io.queryflux.core.internal.routing.RouterFixture.trino;
import static io.queryflux.core.internal.routing.RouterFixture.withHeaders;
import static io.queryflux.core.internal.routing.RouterFixture.withTags;
import static io.queryflux.core.internal.routing.RouterFixture.withUser;
import static org.assertj.core.api.Assertions.assertThat;

class CompoundRouterTest
{
    private final RouterFixture fixture = new RouterFixture();

    @Test
    void allRoutesOnlyWhenEveryConditionHolds()
    {
        Router router = fixture.valid(new CompoundRouterFactory(), """
                combine: all
                targetGroup: batch
                conditions:
                  - protocol: trinoHttp
                  - user: etl-bot
                """);

        assertThat(router.route("SELECT 1", withUser("etl-bot")))
                .isEqualTo(RoutingDecision.route("batch", "all conditions hold: protocol trinoHttp, user etl-bot"));
        assertThat(router.route("SELECT 1", withUser("alice"))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", session("postgresWire", "etl-bot", Map.of(), Map.of()))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void allIsTheDefault()
    {
        Router router = fixture.valid(new CompoundRouterFactory(), """
                targetGroup: batch
                conditions: [ { user: etl-bot }, { queryRegex: "^INSERT" } ]
                """);

        assertThat(router.route("SELECT 1", withUser("etl-bot"))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("INSERT INTO t VALUES 1", withUser("etl-bot")).group()).isEqualTo("batch");
    }

    @Test
    void anyRoutesOnTheFirstConditionThatHolds()
    {
        Router router = fixture.valid(new CompoundRouterFactory(), """
                combine: any
                targetGroup: adhoc
                conditions:
                  - user: alice
                  - header: { name: X-Source, value: notebook }
                """);

        assertThat(router.route("SELECT 1", withHeaders(Map.of("x-source", "notebook"))))
                .isEqualTo(RoutingDecision.route("adhoc", "condition holds: header X-Source"));
        assertThat(router.route("SELECT 1", withUser("alice")).reason()).isEqualTo("condition holds: user alice");
        assertThat(router.route("SELECT 1", withUser("bob"))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void anEmptyConditionListNeverMatches()
    {
        Router all = fixture.valid(new CompoundRouterFactory(), "{ combine: all, targetGroup: batch, conditions: [] }");
        Router any = fixture.valid(new CompoundRouterFactory(), "{ combine: any, targetGroup: batch, conditions: [] }");

        assertThat(all.route("SELECT 1", trino())).isEqualTo(RoutingDecision.noOpinion());
        assertThat(any.route("SELECT 1", trino())).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void headerConditionsMatchNamesInAnyCaseAndValuesExactly()
    {
        Router router = fixture.valid(new CompoundRouterFactory(), "{ targetGroup: batch, conditions: [ { header: { name: x-SOURCE, value: Airflow } } ] }");

        assertThat(router.route("SELECT 1", withHeaders(Map.of("X-Source", "Airflow"))).group()).isEqualTo("batch");
        assertThat(router.route("SELECT 1", withHeaders(Map.of("X-Source", "airflow")))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void clientTagConditionsNeedAValueOnlyWhenOneIsGiven()
    {
        Router keyOnly = fixture.valid(new CompoundRouterFactory(), "{ targetGroup: batch, conditions: [ { clientTag: { key: batch } } ] }");
        Router withValue = fixture.valid(new CompoundRouterFactory(), "{ targetGroup: batch, conditions: [ { clientTag: { key: team, value: eng } } ] }");

        assertThat(keyOnly.route("SELECT 1", withTags(tags("batch", null))).group()).isEqualTo("batch");
        assertThat(keyOnly.route("SELECT 1", withTags(tags("batch", "nightly"))).group()).isEqualTo("batch");
        assertThat(keyOnly.route("SELECT 1", withTags(Map.of()))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(withValue.route("SELECT 1", withTags(tags("team", "eng"))).reason()).isEqualTo("all conditions hold: clientTag team=eng");
        assertThat(withValue.route("SELECT 1", withTags(tags("team", null)))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(withValue.route("SELECT 1", withTags(tags("team", "ops")))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void acceptsTheOriginalTypedShape()
    {
        Router router = fixture.valid(new CompoundRouterFactory(), """
                combine: all
                targetGroup: analytics
                conditions:
                  - { type: protocol, protocol: trinoHttp }
                  - { type: header, headerName: X-Env, headerValue: prod }
                  - { type: user, username: alice }
                  - { type: clientTag, tag: "team:eng" }
                  - { type: queryRegex, regex: "(?i)from\\\\s+sales" }
                """);
        SessionContext matching = session(SessionContext.TRINO_HTTP, "alice", tags("team", "eng"), Map.of("x-env", "prod"));

        assertThat(router.route("select * FROM  sales", matching).group()).isEqualTo("analytics");
        assertThat(router.route("select * from orders", matching)).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void reportsTheRouterProblems()
    {
        assertThat(fixture.create(new CompoundRouterFactory(), "{}")).isNull();
        assertThat(fixture.create(new CompoundRouterFactory(), "{ combine: both, targetGroup: nope, conditions: [] }")).isNull();

        assertThat(fixture.problems()).containsExactly(
                "routers[0].targetGroup is required",
                "routers[0].conditions is required",
                "routers[0].combine must be all or any, not 'both'",
                "routers[0].targetGroup must be one of the cluster groups " + GROUPS + ", not 'nope'");
    }

    @Test
    void reportsEveryBadConditionWithItsPath()
    {
        Router router = fixture.create(new CompoundRouterFactory(), """
                targetGroup: batch
                conditions:
                  - { user: alice, protocol: trinoHttp }
                  - { users: alice }
                  - { queryRegex: "[a-" }
                  - { header: { name: X-A } }
                  - { clientTag: { key: "bad key" } }
                  - { type: role, role: admin }
                  - { type: clientTag, tag: "a b:c" }
                  - { user: alice, note: why }
                  - not a map
                """);

        assertThat(router).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].conditions[8] must be a map",
                "routers[0].conditions[0] must have exactly one of the keys protocol, header, user, clientTag, queryRegex, not protocol and user",
                "routers[0].conditions[1] must have exactly one of the keys protocol, header, user, clientTag, queryRegex",
                "routers[0].conditions[2].queryRegex is not a valid regular expression: Illegal character range near index 3",
                "routers[0].conditions[3].header.value is required",
                "routers[0].conditions[4].clientTag.key 'bad key' is not a valid tag key: use at most 128 letters, digits, '_' or '-'",
                "routers[0].conditions[5].type must be one of protocol, header, user, clientTag, queryRegex, not 'role'",
                "routers[0].conditions[6].tag 'a b' is not a valid tag key: use at most 128 letters, digits, '_' or '-'",
                "routers[0].conditions[1].users is not a known key",
                "routers[0].conditions[5].role is not a known key",
                "routers[0].conditions[7].note is not a known key");
    }
}
