package io.queryflux.examples.router;

import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;

import java.util.TreeSet;

/**
 * Creates {@link ReadOnlyRouter}s for {@code type: readOnly} entries of {@code routers}:
 *
 * <pre>{@code
 * routers:
 *   - type: readOnly
 *     targetGroup: replicas   # required: the cluster group for reads
 *     denyWrites: true        # optional, false by default
 * }</pre>
 *
 * Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.queryflux.spi.RouterFactory}.
 */
public final class ReadOnlyRouterFactory
        implements RouterFactory
{
    public static final String NAME = "readOnly";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Router create(ProviderConfig config, RouterContext context)
    {
        String targetGroup = config.requiredString("targetGroup");
        boolean denyWrites = config.bool("denyWrites", false);
        if (targetGroup == null) {
            return null; // reported by requiredString
        }
        if (!context.groupNames().contains(targetGroup)) {
            // Sorted, so that the message is the same on every start.
            config.problem("targetGroup", "must be one of the cluster groups " + new TreeSet<>(context.groupNames()) + ", not '" + targetGroup + "'");
            return null;
        }
        return new ReadOnlyRouter(targetGroup, denyWrites);
    }
}
