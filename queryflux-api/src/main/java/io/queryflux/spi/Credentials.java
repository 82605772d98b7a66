package io.queryflux.spi;

import java.util.Optional;

/**
 * What a client presented to prove who it is. {@link #toString()} never shows a secret.
 *
 * @param user the user name, or {@code null}
 * @param password the password of HTTP Basic authentication, or {@code null}
 * @param bearerToken the token of HTTP Bearer authentication, or {@code null}
 */
public record Credentials(String user, String password, String bearerToken)
{
    private static final Credentials NONE = new Credentials(null, null, null);

    public static Credentials none()
    {
        return NONE;
    }

    public static Credentials user(String user)
    {
        return new Credentials(user, null, null);
    }

    public static Credentials basic(String user, String password)
    {
        return new Credentials(user, password, null);
    }

    public static Credentials bearer(String token)
    {
        return new Credentials(null, null, token);
    }

    public Optional<String> userName()
    {
        return Optional.ofNullable(user);
    }

    public Optional<String> passwordValue()
    {
        return Optional.ofNullable(password);
    }

    public Optional<String> bearerTokenValue()
    {
        return Optional.ofNullable(bearerToken);
    }

    @Override
    public String toString()
    {
        return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "***") + ", bearerToken=" + (bearerToken == null ? "none" : "***") + "]";
    }
}
