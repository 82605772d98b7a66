package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Routes to one group when all, or any, of its conditions hold. Without conditions it never routes:
 * "all of nothing" holding vacuously would send every query to the group.
 */
final class CompoundRouter
        implements Router
{
    enum Combine
    {
        ALL, ANY
    }

    private final Combine combine;
    private final List<Condition> conditions;
    private final String group;

    CompoundRouter(Combine combine, List<Condition> conditions, String group)
    {
        this.combine = requireNonNull(combine, "combine is null");
        this.conditions = List.copyOf(conditions);
        this.group = requireNonNull(group, "group is null");
    }

    @Override
    public RoutingDecision route(String sql, SessionContext session)
    {
        if (conditions.isEmpty()) {
            return RoutingDecision.noOpinion();
        }
        return switch (combine) {
            case ALL -> routeIfAll(sql, session);
            case ANY -> routeIfAny(sql, session);
        };
    }

    private RoutingDecision routeIfAll(String sql, SessionContext session)
    {
        for (Condition condition : conditions) {
            if (!condition.matches(sql, session)) {
                return RoutingDecision.noOpinion();
            }
        }
        String described = conditions.stream().map(Condition::describe).collect(Collectors.joining(", "));
        return RoutingDecision.route(group, "all conditions hold: " + described);
    }

    private RoutingDecision routeIfAny(String sql, SessionContext session)
    {
        for (Condition condition : conditions) {
            if (condition.matches(sql, session)) {
                return RoutingDecision.route(group, "condition holds: " + condition.describe());
            }
        }
        return RoutingDecision.noOpinion();
    }
}
