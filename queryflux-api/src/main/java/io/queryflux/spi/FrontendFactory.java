package io.queryflux.spi;

/**
 * Creates a {@link Frontend}, chosen by its key under {@code queryflux.frontends}
 * (e.g. {@code trinoHttp}). Found with {@link java.util.ServiceLoader} or registered on the builder.
 */
public interface FrontendFactory
{
    /** The key under {@code queryflux.frontends} that configures this frontend. */
    String name();

    /** Creates the frontend; report config problems through {@link ProviderConfig#problem}. */
    Frontend create(ProviderConfig config, FrontendContext context);
}
