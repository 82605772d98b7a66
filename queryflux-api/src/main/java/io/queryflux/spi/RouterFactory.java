package io.queryflux.spi;

/**
 * Creates {@link Router}s of one type, chosen by {@code type: <name>} in the {@code routers} list.
 * Found with {@link java.util.ServiceLoader} or registered on the builder.
 */
public interface RouterFactory
{
    /** The value of {@code type} that selects this factory. */
    String name();

    /**
     * Creates a router from its config entry. Report every config problem through
     * {@link ProviderConfig#problem} rather than throwing, so that all are shown at once.
     */
    Router create(ProviderConfig config, RouterContext context);
}
