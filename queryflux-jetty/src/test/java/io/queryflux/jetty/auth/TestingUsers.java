package io.queryflux.jetty.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.internal.auth.Pbkdf2Password;

import java.util.List;
import java.util.Map;

/**
 * The users of the {@code static} provider in these tests: {@code alice} (group analysts),
 * {@code bob}, and {@code olga} (group ops, the operators). Hashes use the fewest iterations allowed.
 */
public final class TestingUsers
{
    public static final String ALICE_PASSWORD = "alice-Secret-7f3a";
    public static final String BOB_PASSWORD = "bob-Secret-91c2";
    public static final String OLGA_PASSWORD = "olga-Secret-5d0e";

    private TestingUsers() {}

    public static AuthConfig.Builder staticAuth()
    {
        return AuthConfig.builder("static")
                .operatorGroup("ops")
                .property("users", Map.of(
                        "alice", Map.of("passwordHash", hash(ALICE_PASSWORD), "groups", List.of("analysts")),
                        "bob", Map.of("passwordHash", hash(BOB_PASSWORD)),
                        "olga", Map.of("passwordHash", hash(OLGA_PASSWORD), "groups", List.of("ops"))));
    }

    public static String hash(String password)
    {
        return Pbkdf2Password.hash(password.toCharArray(), Pbkdf2Password.MIN_ITERATIONS);
    }
}
