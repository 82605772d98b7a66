package io.queryflux.spi;

import java.util.List;

/**
 * Turns what a client presented into a {@link Principal}. Selected by {@code auth.provider} and
 * called concurrently, for every request that submits or acts on a query, so it must be thread-safe.
 * QueryFlux caches successful password checks briefly and throttles repeated failures itself, so a
 * provider may be slow (a deliberately slow password hash) but should not block for long on I/O.
 */
public interface AuthProvider
{
    /**
     * Authenticates the client.
     *
     * @return the principal, or {@code null} for an anonymous client where the provider allows one
     *         ({@code auth.required: true} then still refuses it)
     * @throws QueryFluxException {@link ErrorCode#AUTHENTICATION_FAILED} when the credentials are
     *         missing or wrong; its message is shown to the client and must not carry a secret
     */
    Principal authenticate(Credentials credentials);

    /**
     * Whether this provider verifies who the client is (a password, a signed token). A provider that
     * only trusts the name the client sends, like {@code none}, returns {@code false}: impersonation
     * rules then do not apply, as any client could send any name anyway.
     */
    default boolean verifiesIdentity()
    {
        return true;
    }

    /**
     * The {@code WWW-Authenticate} challenges sent with a 401, e.g. {@code Basic realm="QueryFlux"}
     * or {@code Bearer realm="QueryFlux"}.
     */
    default List<String> challenges()
    {
        return List.of("Basic realm=\"QueryFlux\"");
    }
}
