package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.Map;

/** Routes by the frontend protocol the query arrived through. */
final class ProtocolBasedRouter
        implements Router
{
    private final Map<String, String> protocolToGroup;

    ProtocolBasedRouter(Map<String, String> protocolToGroup)
    {
        this.protocolToGroup = Map.copyOf(protocolToGroup);
    }

    @Override
    public RoutingDecision route(String sql, SessionContext session)
    {
        String group = protocolToGroup.get(session.protocol());
        if (group == null) {
            return RoutingDecision.noOpinion();
        }
        return RoutingDecision.route(group, "protocol " + session.protocol());
    }
}
