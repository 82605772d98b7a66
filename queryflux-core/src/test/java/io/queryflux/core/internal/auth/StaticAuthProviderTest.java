package io.queryflux.core.internal.auth;

import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticAuthProviderTest
{
    private final AuthProvider provider = TestingAuth.create(new StaticAuthProviderFactory(), Map.of("users", Map.of(
            "alice", Map.of("passwordHash", TestingAuth.hash("alice-pw"), "groups", List.of("analysts", "ops")),
            "bob", Map.of("passwordHash", TestingAuth.hash("bob-pw"))))).provider();

    @Test
    void acceptsTheRightPasswordWithTheUsersGroups()
    {
        assertThat(provider.authenticate(Credentials.basic("alice", "alice-pw"))).isEqualTo(new Principal("alice", Set.of("analysts", "ops")));
        assertThat(provider.authenticate(Credentials.basic("bob", "bob-pw"))).isEqualTo(Principal.of("bob"));
    }

    @Test
    void refusesWrongPasswordsUnknownUsersAndNamesAlone()
    {
        assertRefused(Credentials.basic("alice", "bob-pw"), "Invalid user name or password");
        assertRefused(Credentials.basic("carol", "alice-pw"), "Invalid user name or password");
        assertRefused(Credentials.user("alice"), "A password is required");
        assertRefused(Credentials.none(), "A password is required");
        assertRefused(Credentials.bearer("a.b.c"), "Bearer tokens are not accepted");
    }

    @Test
    void reportsBadEntriesWithTheirPathsAndNeverTheValue()
    {
        TestingAuth.Built built = TestingAuth.create(new StaticAuthProviderFactory(), Map.of("users", Map.of(
                "alice", Map.of("passwordHash", "plain-text-secret"),
                "bob", Map.of("groups", List.of("x")),
                "carol", Map.of("passwordHash", TestingAuth.hash("x"), "password", "oops"))));

        assertThat(built.problems()).containsExactlyInAnyOrder(
                "auth.users.alice.passwordHash must be a hash of the form pbkdf2-sha256$<iterations>$<salt>$<hash> (see io.queryflux.examples.PasswordHash); plain-text passwords are not accepted",
                "auth.users.bob.passwordHash is required",
                "auth.users.carol.password is not a known key");
        assertThat(String.join("\n", built.problems())).doesNotContain("plain-text-secret", "oops");
    }

    @Test
    void requiresUsers()
    {
        assertThat(TestingAuth.create(new StaticAuthProviderFactory(), Map.of()).problems())
                .containsExactly("auth.users is required: a map of user name to {passwordHash, groups}");
    }

    private void assertRefused(Credentials credentials, String message)
    {
        assertThatThrownBy(() -> provider.authenticate(credentials))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                .hasMessageStartingWith(message);
    }
}
