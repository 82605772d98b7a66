package io.queryflux.core.internal.routing;

import io.queryflux.core.internal.routing.CompoundRouter.Combine;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Creates routers for {@code type: compound}: the query goes to {@code targetGroup} when all
 * ({@code combine: all}, the default) or any ({@code combine: any}) of the conditions hold.
 *
 * <pre>{@code
 * routers:
 *   - type: compound
 *     combine: all                                   # all (default) or any
 *     targetGroup: etl
 *     conditions:
 *       - protocol: trinoHttp                        # the frontend protocol id
 *       - header: { name: X-Source, value: airflow } # exact value; name in any case
 *       - user: etl-bot                              # the authenticated user
 *       - clientTag: { key: team, value: data }      # a query tag; without value: present with any value
 *       - queryRegex: "(?i)^\\s*insert\\b"           # Java regex found in the SQL; (?i) ignores case
 * }</pre>
 *
 * Each condition has exactly one of those keys. The shape of the original QueryFlux, tagged with
 * {@code type}, is accepted too:
 *
 * <pre>{@code
 *       - { type: protocol, protocol: trinoHttp }
 *       - { type: header, headerName: X-Source, headerValue: airflow }
 *       - { type: user, username: etl-bot }
 *       - { type: clientTag, tag: "team:data" }      # key, or key:value
 *       - { type: queryRegex, regex: "(?i)^\\s*insert\\b" }
 * }</pre>
 *
 * {@code conditions} is required; an empty list never matches, so the router then never routes.
 */
public final class CompoundRouterFactory
        implements RouterFactory
{
    public static final String NAME = "compound";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Router create(ProviderConfig config, RouterContext context)
    {
        Optional<Combine> combine = combine(config);
        String group = TargetGroups.required(config, "targetGroup", context);
        Optional<List<Condition>> conditions = conditions(config);
        if (combine.isEmpty() || group == null || conditions.isEmpty()) {
            return null; // reported above
        }
        return new CompoundRouter(combine.get(), conditions.get(), group);
    }

    private static Optional<Combine> combine(ProviderConfig config)
    {
        String combine = config.string("combine").orElse("all");
        return switch (combine.toLowerCase(Locale.ROOT)) {
            case "all" -> Optional.of(Combine.ALL);
            case "any" -> Optional.of(Combine.ANY);
            default -> {
                config.problem("combine", "must be all or any, not '" + combine + "'");
                yield Optional.empty();
            }
        };
    }

    private static Optional<List<Condition>> conditions(ProviderConfig config)
    {
        if (!config.has("conditions")) {
            config.problem("conditions", "is required");
            return Optional.empty();
        }
        List<Condition> conditions = new ArrayList<>();
        boolean valid = true;
        for (ProviderConfig entry : config.list("conditions")) {
            Optional<Condition> condition = ConditionParser.parse(entry);
            condition.ifPresent(conditions::add);
            valid &= condition.isPresent();
        }
        return valid ? Optional.of(conditions) : Optional.empty();
    }
}
