package io.queryflux.core.internal.auth;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.util.List;

/**
 * A request refused by authentication (401, with the {@code WWW-Authenticate} challenges to send) or
 * by authorization (403). Frontends answer it with its HTTP status rather than as a failed query, so
 * that clients see the refusal for what it is.
 */
public final class AccessRefused
        extends QueryFluxException
{
    private final List<String> challenges;

    private AccessRefused(ErrorCode errorCode, String message, List<String> challenges)
    {
        super(errorCode, message);
        this.challenges = List.copyOf(challenges);
    }

    /** The client is not authenticated: 401 with {@code challenges}. */
    public static AccessRefused unauthenticated(String message, List<String> challenges)
    {
        return new AccessRefused(ErrorCode.AUTHENTICATION_FAILED, message, challenges);
    }

    /** The client is authenticated but may not do this: 403. */
    public static AccessRefused forbidden(String message)
    {
        return new AccessRefused(ErrorCode.PERMISSION_DENIED, "Access Denied: " + message, List.of());
    }

    /** The {@code WWW-Authenticate} values for a 401; empty for a 403. */
    public List<String> challenges()
    {
        return challenges;
    }
}
