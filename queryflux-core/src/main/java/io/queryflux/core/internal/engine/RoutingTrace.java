package io.queryflux.core.internal.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * How a query's cluster group was chosen: what each router said, in order, and which decided.
 *
 * @param steps one line per router consulted, e.g. {@code routers[0] header: no opinion}
 * @param decidedBy the router that decided, or {@code routingFallback}
 * @param group the chosen group, or {@code null} when the query was denied
 * @param reason the deciding router's reason
 */
public record RoutingTrace(List<String> steps, String decidedBy, String group, String reason)
{
    public RoutingTrace
    {
        steps = List.copyOf(steps);
    }

    public boolean denied()
    {
        return group == null;
    }

    /** This trace, with the group it chose refused afterwards by {@code rule} (an authorization rule). */
    public RoutingTrace refusedBy(String rule, String why)
    {
        List<String> refused = new ArrayList<>(steps);
        refused.add(rule + ": deny (" + why + ")");
        return new RoutingTrace(refused, rule, null, why);
    }
}
