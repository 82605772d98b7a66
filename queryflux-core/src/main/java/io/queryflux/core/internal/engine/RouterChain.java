package io.queryflux.core.internal.engine;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The configured routers in order. The first that routes or denies decides; when none does, the
 * query goes to the fallback group.
 */
public final class RouterChain
{
    private final List<NamedRouter> routers;
    private final String fallbackGroup;

    public RouterChain(List<NamedRouter> routers, String fallbackGroup)
    {
        this.routers = List.copyOf(routers);
        this.fallbackGroup = requireNonNull(fallbackGroup, "fallbackGroup is null");
    }

    public RoutingTrace route(String sql, SessionContext session)
    {
        List<String> steps = new ArrayList<>(routers.size());
        for (NamedRouter named : routers) {
            RoutingDecision decision;
            try {
                decision = requireNonNull(named.router().route(sql, session), "router returned null");
            }
            catch (QueryFluxException e) {
                throw e;
            }
            catch (RuntimeException e) {
                // Failing closed: a broken router must not silently send queries elsewhere.
                throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Router " + named.name() + " failed: " + e, e);
            }
            steps.add(named.name() + ": " + describe(decision));
            if (decision.kind() != RoutingDecision.Kind.NO_OPINION) {
                return new RoutingTrace(steps, named.name(), decision.group(), decision.reason());
            }
        }
        steps.add("routingFallback: route to " + fallbackGroup);
        return new RoutingTrace(steps, "routingFallback", fallbackGroup, "no router decided");
    }

    private static String describe(RoutingDecision decision)
    {
        return switch (decision.kind()) {
            case ROUTE -> "route to " + decision.group() + " (" + decision.reason() + ")";
            case DENY -> "deny (" + decision.reason() + ")";
            case NO_OPINION -> "no opinion";
        };
    }

    /** A router with the name the trace shows for it, e.g. {@code routers[1] header}. */
    public record NamedRouter(String name, Router router) {}
}
