package io.queryflux.core.internal.auth;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.AuthProviderContext;
import io.queryflux.spi.AuthProviderFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Helpers for the auth tests: cheap password hashes and providers built from a config map the way
 * QueryFlux builds them, with the problems they report.
 */
final class TestingAuth
{
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private TestingAuth() {}

    /** A stored hash of {@code password} with the fewest iterations allowed, to keep tests fast. */
    static String hash(String password)
    {
        return HASHES.computeIfAbsent(password, ignored -> Pbkdf2Password.hash(password.toCharArray(), Pbkdf2Password.MIN_ITERATIONS));
    }

    /** A provider created from {@code properties} (the {@code auth} keys), and every problem reported. */
    static Built create(AuthProviderFactory factory, Map<String, Object> properties)
    {
        ConfigProblems problems = new ConfigProblems();
        MapProviderConfig config = new MapProviderConfig("auth", properties, problems);
        AuthProvider provider = factory.create(config, new AuthProviderContext(null));
        config.reportUnknownKeys();
        return new Built(provider, problems.list());
    }

    record Built(AuthProvider provider, List<String> problems) {}
}
