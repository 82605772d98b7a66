package io.queryflux.spi;

/**
 * Creates {@link Backend}s for one engine, chosen by {@code engine: <name>} on a cluster group.
 * Found with {@link java.util.ServiceLoader} or registered on the builder.
 */
public interface BackendFactory
{
    /** The value of {@code engine} that selects this factory. */
    String name();

    /**
     * Creates the backend of one cluster from its config entry. Report every config problem through
     * {@link ProviderConfig#problem} and return {@code null} when the backend cannot be built.
     * Connecting to the engine may be deferred to the first query.
     */
    Backend create(ProviderConfig config, BackendContext context);
}
