package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.queryflux.core.internal.routing.RouterFixture.GROUPS;
import static io.queryflux.core.internal.routing.RouterFixture.tags;
import static io.queryflux.core.internal.routing.RouterFixture.withTags;
import static org.assertj.core.api.Assertions.assertThat;

class TagsRouterTest
{
    private final RouterFixture fixture = new RouterFixture();

    @Test
    void routesWhenAllTagsOfARuleMatch()
    {
        Router router = fixture.valid(new TagsRouterFactory(), """
                rules:
                  - { tags: { team: eng, env: prod }, targetGroup: analytics }
                """);

        assertThat(router.route("SELECT 1", withTags(tags("env", "prod", "team", "eng", "other", "x"))))
                .isEqualTo(RoutingDecision.route("analytics", "tags match rules[0] {team=eng, env=prod}"));
        assertThat(router.route("SELECT 1", withTags(tags("team", "eng", "env", "staging")))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", withTags(tags("team", "eng")))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", withTags(Map.of()))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void aNullValueOnlyNeedsTheKeyToBePresent()
    {
        Router router = fixture.valid(new TagsRouterFactory(), """
                rules:
                  - tags:
                      batch:
                    targetGroup: batch
                """);

        assertThat(router.route("SELECT 1", withTags(tags("batch", null))).group()).isEqualTo("batch");
        assertThat(router.route("SELECT 1", withTags(tags("batch", "nightly"))).group()).isEqualTo("batch");
        assertThat(router.route("SELECT 1", withTags(tags("batches", null)))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void aValueDoesNotMatchAKeyOnlyTag()
    {
        Router router = fixture.valid(new TagsRouterFactory(), "rules: [ { tags: { batch: nightly }, targetGroup: batch } ]");

        assertThat(router.route("SELECT 1", withTags(tags("batch", null)))).isEqualTo(RoutingDecision.noOpinion());
        assertThat(router.route("SELECT 1", withTags(tags("batch", "")))).isEqualTo(RoutingDecision.noOpinion());
    }

    @Test
    void theFirstMatchingRuleWinsAndNumbersAreComparedAsText()
    {
        Router router = fixture.valid(new TagsRouterFactory(), """
                rules:
                  - { tags: { cost_center: 701 }, targetGroup: batch }
                  - { tags: { cost_center: null }, targetGroup: adhoc }
                """);

        assertThat(router.route("SELECT 1", withTags(tags("cost_center", "701"))).group()).isEqualTo("batch");
        assertThat(router.route("SELECT 1", withTags(tags("cost_center", "702"))).group()).isEqualTo("adhoc");
    }

    @Test
    void reportsMissingAndMistypedParts()
    {
        assertThat(fixture.create(new TagsRouterFactory(), "{}")).isNull();
        assertThat(fixture.create(new TagsRouterFactory(), """
                rules:
                  - { targetGroup: batch }
                  - { tags: [ team ], targetGroup: batch }
                  - { tags: {}, targetGroup: batch }
                  - { tags: { team: [ a ] }, targetGroup: batch }
                  - { tags: { team: eng } }
                  - { tags: { team: eng }, targetGroup: nope }
                """)).isNull();

        assertThat(fixture.problems()).containsExactly(
                "routers[0].rules is required",
                "routers[0].rules[0].tags is required",
                "routers[0].rules[1].tags must be a map",
                "routers[0].rules[2].tags must list at least one tag",
                "routers[0].rules[3].tags.team must be a string",
                "routers[0].rules[4].targetGroup is required",
                "routers[0].rules[5].targetGroup must be one of the cluster groups " + GROUPS + ", not 'nope'");
    }

    @Test
    void reportsAKeyNoClientCanSend()
    {
        assertThat(fixture.create(new TagsRouterFactory(), "rules: [ { tags: { 'cost center': x }, targetGroup: batch } ]")).isNull();
        assertThat(fixture.problems()).containsExactly(
                "routers[0].rules[0].tags.cost center is not a valid tag key: use at most 128 letters, digits, '_' or '-'");
    }
}
