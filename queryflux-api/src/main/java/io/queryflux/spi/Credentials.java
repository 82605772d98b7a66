package io.queryflux.spi;

import java.util.Optional;

/**
 * What a client presented to prove who it is. {@link #toString()} never shows a secret.
 *
 * @param user the user name of HTTP Basic authentication, or the only user name the client sent
 *        (Trino's {@code X-Trino-User} without any {@code Authorization}), or {@code null}
 * @param password the password of HTTP Basic authentication, or {@code null}
 * @param bearerToken the token of HTTP Bearer authentication, or {@code null}
 * @param sessionUser the user the client asks its queries to run as, sent next to Basic or Bearer
 *        credentials (Trino's {@code X-Trino-User}), or {@code null}; running as someone else than the
 *        authenticated principal needs an impersonation rule
 * @param remoteAddress the client's network address, used to throttle failed logins, or {@code null}
 */
public record Credentials(String user, String password, String bearerToken, String sessionUser, String remoteAddress)
{
    private static final Credentials NONE = new Credentials(null, null, null);

    public Credentials(String user, String password, String bearerToken)
    {
        this(user, password, bearerToken, null, null);
    }

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

    /** These credentials, asking to run queries as {@code sessionUser}. */
    public Credentials withSessionUser(String sessionUser)
    {
        return new Credentials(user, password, bearerToken, sessionUser, remoteAddress);
    }

    /** These credentials, as sent from {@code remoteAddress}. */
    public Credentials withRemoteAddress(String remoteAddress)
    {
        return new Credentials(user, password, bearerToken, sessionUser, remoteAddress);
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

    public Optional<String> sessionUserName()
    {
        return Optional.ofNullable(sessionUser);
    }

    public Optional<String> remoteAddressValue()
    {
        return Optional.ofNullable(remoteAddress);
    }

    @Override
    public String toString()
    {
        return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "***") + ", bearerToken=" + (bearerToken == null ? "none" : "***")
                + ", sessionUser=" + sessionUser + ", remoteAddress=" + remoteAddress + "]";
    }
}
