package io.queryflux.spi;

/**
 * Creates the {@link AuthProvider}, chosen by {@code auth.provider: <name>}. Found with
 * {@link java.util.ServiceLoader} or registered on the builder.
 */
public interface AuthProviderFactory
{
    /** The value of {@code auth.provider} that selects this factory. */
    String name();

    /**
     * Creates the provider from the {@code auth} entry (its provider-specific keys). Report every
     * config problem through {@link ProviderConfig#problem}, never echoing a secret value, and return
     * {@code null} when the provider cannot be built.
     */
    AuthProvider create(ProviderConfig config, AuthProviderContext context);
}
