package io.queryflux.core.internal.trino;

import io.queryflux.spi.Frontend;
import io.queryflux.spi.FrontendContext;
import io.queryflux.spi.FrontendFactory;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.SessionContext;

/**
 * Creates the Trino HTTP frontend, configured under {@code queryflux.frontends.trinoHttp}.
 */
public final class TrinoHttpFrontendFactory
        implements FrontendFactory
{
    @Override
    public String name()
    {
        return SessionContext.TRINO_HTTP;
    }

    @Override
    public Frontend create(ProviderConfig config, FrontendContext context)
    {
        return new TrinoHttpFrontend(context, TrinoHttpSettings.from(config), RelaySettings.from(config), NextUriPatcher.create());
    }
}
