package io.queryflux.core.internal.auth;

import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.AuthProviderContext;
import io.queryflux.spi.AuthProviderFactory;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.Principal;
import io.queryflux.spi.ProviderConfig;

/**
 * {@code auth.provider: none}, the default: trusts the user name the client sends (from Basic
 * credentials or {@code X-Trino-User}) and checks no password. Without {@code auth.required}, a client
 * that sends no user is anonymous. Nothing is verified, so impersonation rules do not apply: next to
 * Basic credentials, {@code X-Trino-User} is ignored. Only behind a network boundary you trust.
 */
public final class NoneAuthProviderFactory
        implements AuthProviderFactory
{
    public static final String NAME = "none";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public AuthProvider create(ProviderConfig config, AuthProviderContext context)
    {
        return new Trusting();
    }

    /** In the seed's order: the Basic user name, else {@code X-Trino-User}. */
    private static final class Trusting
            implements AuthProvider
    {
        @Override
        public Principal authenticate(Credentials credentials)
        {
            String user = credentials.user() != null ? credentials.user() : credentials.sessionUser();
            return user == null || user.isBlank() ? null : Principal.of(user);
        }

        @Override
        public boolean verifiesIdentity()
        {
            return false;
        }
    }
}
