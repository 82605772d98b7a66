package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.Map;
import java.util.Optional;

/** Routes by the exact value of one request header. */
final class HeaderRouter
        implements Router
{
    private final String headerName;
    private final Map<String, String> valueToGroup;

    HeaderRouter(String headerName, Map<String, String> valueToGroup)
    {
        this.headerName = headerName;
        this.valueToGroup = Map.copyOf(valueToGroup);
    }

    @Override
    public RoutingDecision route(String sql, SessionContext session)
    {
        Optional<String> group = session.header(headerName).map(valueToGroup::get);
        if (group.isEmpty()) {
            return RoutingDecision.noOpinion();
        }
        // The value stays out of the trace: a header may carry a token that only happens to be mapped.
        return RoutingDecision.route(group.get(), "header " + headerName + " has a mapped value");
    }
}
