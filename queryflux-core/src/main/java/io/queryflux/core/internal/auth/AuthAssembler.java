package io.queryflux.core.internal.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.core.internal.engine.ProviderRegistry;
import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.AuthProviderContext;
import io.queryflux.spi.AuthProviderFactory;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;

import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Authentication} from the {@code auth} section: the provider chosen by
 * {@code auth.provider} reads the section's other keys, and {@code logins} sets the login guard. Every
 * problem lands in the shared {@link ConfigProblems}; unknown keys are reported with the other entries'.
 */
public final class AuthAssembler
{
    private static final String PATH = "auth";

    private AuthAssembler() {}

    public static Authentication authentication(AuthConfig config, ProviderRegistry<AuthProviderFactory> factories, AuthProviderContext context, ConfigProblems problems, List<MapProviderConfig> entries)
    {
        MapProviderConfig entry = new MapProviderConfig(PATH, config.properties(), problems);
        entries.add(entry);
        LoginSettings logins = LoginSettings.read(entry);
        AuthProvider provider = null;
        Optional<AuthProviderFactory> factory = factories.get(config.provider());
        if (factory.isEmpty()) {
            problems.add(PATH + ".provider", factories.unknownMessage(config.provider()));
        }
        else {
            try {
                provider = factory.get().create(entry, context);
            }
            catch (RuntimeException e) {
                problems.add(PATH, "provider " + config.provider() + " cannot be created: " + e.getClass().getSimpleName());
            }
        }
        if (provider == null && problems.isEmpty()) {
            problems.add(PATH, "provider " + config.provider() + " could not be created");
        }
        // With problems, QueryFlux is not started; the placeholder only keeps the wiring total.
        return new Authentication(config.provider(), provider == null ? AuthAssembler::refuse : provider, new LoginGuard(logins), config);
    }

    private static Principal refuse(Credentials credentials)
    {
        throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Authentication is not configured");
    }
}
