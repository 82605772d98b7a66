package io.queryflux.core.internal.auth;

import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;

import java.util.Map;
import java.util.Set;

/**
 * Checks a Basic user name and password against the configured PBKDF2 hashes. A user name alone (an
 * {@code X-Trino-User} header) is not enough. An unknown user costs as much as a wrong password, so
 * timing does not tell which user names exist.
 */
final class StaticAuthProvider
        implements AuthProvider
{
    private static final String INVALID = "Invalid user name or password";

    private final Map<String, User> users;
    private final Pbkdf2Password unknownUser;

    StaticAuthProvider(Map<String, User> users)
    {
        this.users = Map.copyOf(users);
        int iterations = users.values().stream().mapToInt(user -> user.hash().iterations()).max().orElse(Pbkdf2Password.DEFAULT_ITERATIONS);
        this.unknownUser = Pbkdf2Password.unmatchable(iterations);
    }

    @Override
    public Principal authenticate(Credentials credentials)
    {
        if (credentials.password() == null) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, credentials.bearerToken() != null
                    ? "Bearer tokens are not accepted here; send a user name and password"
                    : "A password is required (use HTTPS and the client's password option)");
        }
        User user = credentials.user() == null ? null : users.get(credentials.user());
        boolean matches = (user == null ? unknownUser : user.hash()).matches(credentials.password());
        if (user == null || !matches) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, INVALID);
        }
        return new Principal(credentials.user(), user.groups());
    }

    /** A configured user. */
    record User(Pbkdf2Password hash, Set<String> groups) {}
}
