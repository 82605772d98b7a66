package io.queryflux.core.internal.engine;

import io.queryflux.spi.Credentials;

/**
 * Turns what a client presented into the user QueryFlux acts for.
 */
public interface Authenticator
{
    /**
     * The authenticated user, or {@code null} for an anonymous client where that is allowed.
     *
     * @throws io.queryflux.spi.QueryFluxException {@link io.queryflux.spi.ErrorCode#AUTHENTICATION_FAILED}
     */
    String authenticate(Credentials credentials);

    /** The {@code none} provider: trusts the user name the client sends. */
    static Authenticator trusting()
    {
        return Credentials::user;
    }
}
