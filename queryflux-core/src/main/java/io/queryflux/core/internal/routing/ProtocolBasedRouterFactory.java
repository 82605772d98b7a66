package io.queryflux.core.internal.routing;

import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Creates routers for {@code type: protocolBased}: every other key of the entry is a frontend protocol
 * id and its value the cluster group for the queries that arrive through that frontend.
 *
 * <pre>{@code
 * routers:
 *   - type: protocolBased
 *     trinoHttp: analytics
 *     postgresWire: adhoc
 * }</pre>
 *
 * Any key is taken as a protocol id, not only those of the built-in frontends, so that a frontend
 * added by a plugin can be routed without changing this router. A query from a protocol that is not
 * listed gets no opinion.
 */
public final class ProtocolBasedRouterFactory
        implements RouterFactory
{
    public static final String NAME = "protocolBased";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Router create(ProviderConfig config, RouterContext context)
    {
        Optional<Map<String, String>> groups = TargetGroups.mapping(config, context);
        if (groups.isEmpty()) {
            return null; // reported by mapping
        }
        if (groups.get().isEmpty()) {
            config.problem("", "must map at least one frontend protocol to a cluster group, e.g. trinoHttp: <group>");
            return null;
        }
        return new ProtocolBasedRouter(groups.get());
    }
}
