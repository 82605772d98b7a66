package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.Map;

/** Routes by the authenticated user. */
final class UserGroupRouter
        implements Router
{
    private final Map<String, String> userToGroup;

    UserGroupRouter(Map<String, String> userToGroup)
    {
        this.userToGroup = Map.copyOf(userToGroup);
    }

    @Override
    public RoutingDecision route(String sql, SessionContext session)
    {
        if (session.user() == null) {
            return RoutingDecision.noOpinion();
        }
        String group = userToGroup.get(session.user());
        if (group == null) {
            return RoutingDecision.noOpinion();
        }
        return RoutingDecision.route(group, "user " + session.user());
    }
}
