package io.queryflux.core.internal.routing;

import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Creates routers for {@code type: userGroup}: the authenticated user's queries go to the user's group.
 *
 * <pre>{@code
 * routers:
 *   - type: userGroup
 *     userToGroup:
 *       alice: analytics     # user names are matched exactly, case included
 *       etl-bot: batch
 * }</pre>
 *
 * A query without a user, or from a user not listed, gets no opinion.
 */
public final class UserGroupRouterFactory
        implements RouterFactory
{
    public static final String NAME = "userGroup";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Router create(ProviderConfig config, RouterContext context)
    {
        Optional<Map<String, String>> userToGroup = TargetGroups.requiredMapping(config, "userToGroup", context);
        return userToGroup.map(UserGroupRouter::new).orElse(null);
    }
}
