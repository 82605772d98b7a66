package io.queryflux.core.internal.auth;

import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.AuthProviderContext;
import io.queryflux.spi.AuthProviderFactory;
import io.queryflux.spi.ProviderConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code auth.provider: static}: users listed in the config with PBKDF2 password hashes.
 *
 * <pre>{@code
 * auth:
 *   provider: static
 *   users:
 *     alice: { passwordHash: "pbkdf2-sha256$600000$...$...", groups: [analysts] }
 *     bob: { passwordHash: "${BOB_PASSWORD_HASH}" }
 * }</pre>
 *
 * Hashes come from {@code io.queryflux.examples.PasswordHash}; plain-text passwords are refused.
 */
public final class StaticAuthProviderFactory
        implements AuthProviderFactory
{
    public static final String NAME = "static";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public AuthProvider create(ProviderConfig config, AuthProviderContext context)
    {
        Optional<ProviderConfig> entries = config.object("users");
        if (entries.isEmpty()) {
            config.problem("users", "is required: a map of user name to {passwordHash, groups}");
            return null;
        }
        Map<String, StaticAuthProvider.User> users = new LinkedHashMap<>();
        for (String name : entries.get().keys()) {
            entries.get().object(name).ifPresent(entry -> user(entry).ifPresent(user -> users.put(name, user)));
        }
        if (users.isEmpty()) {
            config.problem("users", "must list at least one user");
            return null;
        }
        return new StaticAuthProvider(users);
    }

    private static Optional<StaticAuthProvider.User> user(ProviderConfig entry)
    {
        Set<String> groups = Set.copyOf(entry.stringList("groups"));
        if (!entry.has("passwordHash")) {
            entry.problem("passwordHash", "is required");
            return Optional.empty();
        }
        Optional<String> encoded = entry.string("passwordHash");
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StaticAuthProvider.User(Pbkdf2Password.parse(encoded.get()), groups));
        }
        catch (IllegalArgumentException e) {
            entry.problem("passwordHash", e.getMessage());
            return Optional.empty();
        }
    }
}
