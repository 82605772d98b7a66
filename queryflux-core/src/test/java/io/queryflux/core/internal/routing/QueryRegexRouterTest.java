package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import org.junit.jupiter.api.Test;

import static io.queryflux.core.internal.routing.RouterFixture.GROUPS;
import static io.queryflux.core.internal.routing.RouterFixture.trino;
import static org.assertj.core.api.Assertions.assertThat;

class QueryRegexRouterTest
{
    private final RouterFixture fixture = new RouterFixture();

    @Test
    void theFirstMatchingRuleRoutes()
    {
        Router router = fixture.valid(new QueryRegexRouterFactory(), """
                rules:
                  - { regex: "\\\\bfact_", targetGroup: batch }
                  - { regex: "orders", targetGroup: analytics }
                """);

        assertThat(router.route("SELECT * FROM fact_orders", trino()))
                .isEqualTo(RoutingDecision.route("batch", "query matches rules[0] /\\bfact_/"));
        assertThat(router.route("SELECT * FROM orders", trino()).group()).isEqualTo("analytics");
        assertThat(router.route("SELECT 1", trino())).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void matchesCaseSensitivelyUnlessThePatternSaysOtherwise()
    {
        Router router = fixture.valid(new QueryRegexRouterFactory(), """
                rules:
                  - { regex: "ORDERS", targetGroup: batch }
                  - { regex: "(?i)customers", targetGroup: analytics }
                """);

        assertThat(router.route("select * from orders", trino())).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT * FROM Customers", trino()).group()).isEqualTo("analytics");
    }

    @Test
    void denyCarriesTheRuleMessage()
    {
        Router router = fixture.valid(new QueryRegexRouterFactory(), """
                rules:
                  - { regex: "(?i)^\\\\s*drop\\\\b", action: deny, error: Dropping tables is not allowed }
                  - { regex: "(?i)^\\\\s*delete\\\\b", action: DENY }
                """);

        assertThat(router.route("  DROP TABLE t", trino())).isEqualTo(RoutingDecision.deny("Dropping tables is not allowed"));
        assertThat(router.route("delete from t", trino())).isEqualTo(RoutingDecision.deny("Query denied by rule 1"));
        assertThat(router.route("SELECT 'drop'", trino())).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void keepsTheSqlOutOfTheReason()
    {
        Router router = fixture.valid(new QueryRegexRouterFactory(), "rules: [ { regex: \"(?i)create user\", targetGroup: adhoc } ]");

        RoutingDecision decision = router.route("CREATE USER bob WITH PASSWORD 'hunter2'", trino());

        assertThat(decision.group()).isEqualTo("adhoc");
        assertThat(decision.reason()).doesNotContain("hunter2");
    }

    @Test
    void reportsAnInvalidRegexWithItsPathInsteadOfSkippingIt()
    {
        Router router = fixture.create(new QueryRegexRouterFactory(), """
                rules:
                  - { regex: "ok", targetGroup: batch }
                  - { regex: "(unclosed", targetGroup: batch }
                """);

        assertThat(router).isNull();
        assertThat(fixture.problems()).singleElement().asString()
                .startsWith("routers[0].rules[1].regex is not a valid regular expression: Unclosed group");
    }

    @Test
    void reportsMissingAndMistypedRules()
    {
        assertThat(fixture.create(new QueryRegexRouterFactory(), "{}")).isNull();
        fixture.create(new QueryRegexRouterFactory(), "rules: { regex: a }");
        fixture.create(new QueryRegexRouterFactory(), "rules: [ a ]");

        assertThat(fixture.problems()).containsExactly(
                "routers[0].rules is required",
                "routers[0].rules must be a list",
                "routers[0].rules[0] must be a map");
    }

    @Test
    void reportsEveryProblemOfARule()
    {
        Router router = fixture.create(new QueryRegexRouterFactory(), """
                rules:
                  - { targetGroup: batch }
                  - { regex: a }
                  - { regex: a, targetGroup: nope }
                  - { regex: a, action: reject, targetGroup: batch }
                  - { regex: a, action: deny, targetGroup: batch }
                  - { regex: a, targetGroup: batch, error: denied }
                  - { regex: a, targetGroup: batch, priority: 1 }
                """);

        assertThat(router).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].rules[0].regex is required",
                "routers[0].rules[1].targetGroup is required",
                "routers[0].rules[2].targetGroup must be one of the cluster groups " + GROUPS + ", not 'nope'",
                "routers[0].rules[3].action must be route or deny, not 'reject'",
                "routers[0].rules[4].targetGroup is not used with action: deny",
                "routers[0].rules[5].error is only used with action: deny",
                "routers[0].rules[6].priority is not a known key");
    }
}
