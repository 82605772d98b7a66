package io.queryflux.core.internal.routing;

import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Creates routers for {@code type: header}: a query whose request header {@code headerName} has exactly
 * one of the values of {@code headerValueToGroup} goes to that value's group.
 *
 * <pre>{@code
 * routers:
 *   - type: header
 *     headerName: X-Target-Engine      # any case: header names are matched case-insensitively
 *     headerValueToGroup:
 *       duckdb: duckdb-local           # values are matched exactly, case included
 *       trino: analytics
 * }</pre>
 *
 * A header that is missing or has another value gets no opinion. Credentials ({@code Authorization},
 * {@code Cookie}) are never visible to routers.
 */
public final class HeaderRouterFactory
        implements RouterFactory
{
    public static final String NAME = "header";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Router create(ProviderConfig config, RouterContext context)
    {
        String headerName = config.requiredString("headerName");
        Optional<Map<String, String>> valueToGroup = TargetGroups.requiredMapping(config, "headerValueToGroup", context);
        if (headerName == null || valueToGroup.isEmpty()) {
            return null; // reported above
        }
        return new HeaderRouter(headerName, valueToGroup.get());
    }
}
