package io.queryflux.core.internal.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Authenticates every request through the configured {@link AuthProvider}: password checks run under
 * the {@link LoginGuard}, then {@code auth.required} and the impersonation rules apply. A failure is an
 * {@link AccessRefused}: 401 with the provider's challenges, or 403 for a forbidden impersonation.
 */
public final class Authentication
{
    private static final Logger log = LoggerFactory.getLogger(Authentication.class);

    private final String providerName;
    private final AuthProvider provider;
    private final LoginGuard guard;
    private final ImpersonationRules impersonation;
    private final boolean required;
    private final List<String> challenges;

    public Authentication(String providerName, AuthProvider provider, LoginGuard guard, AuthConfig config)
    {
        this.providerName = providerName;
        this.provider = provider;
        this.guard = guard;
        this.impersonation = new ImpersonationRules(config.impersonation());
        this.required = config.required();
        this.challenges = List.copyOf(provider.challenges());
    }

    /**
     * The principal queries run as (after impersonation), or {@code null} for an anonymous client
     * where that is allowed.
     *
     * @throws AccessRefused 401 or 403
     */
    public Principal authenticate(Credentials credentials)
    {
        Principal principal;
        try {
            principal = credentials.passwordValue().isPresent() ? guard.verify(credentials, provider::authenticate) : provider.authenticate(credentials);
        }
        catch (AccessRefused e) {
            throw e;
        }
        catch (QueryFluxException e) {
            if (e.errorCode() == ErrorCode.AUTHENTICATION_FAILED) {
                throw AccessRefused.unauthenticated(e.getMessage(), challenges);
            }
            throw e;
        }
        catch (RuntimeException e) {
            // Only the type: a provider's message could quote the credentials it choked on.
            log.error("Auth provider {} failed with {}", providerName, e.getClass().getName());
            throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Auth provider " + providerName + " failed");
        }
        if (principal == null) {
            if (required) {
                throw AccessRefused.unauthenticated("Authentication required: send a user name (auth.required is true)", challenges);
            }
            return null;
        }
        return provider.verifiesIdentity() ? impersonation.apply(principal, credentials.sessionUser()) : principal;
    }

    public List<String> challenges()
    {
        return challenges;
    }

    /** Whether the provider verifies identities; with {@code none} a user name is only a claim. */
    public boolean verifiesIdentity()
    {
        return provider.verifiesIdentity();
    }
}
