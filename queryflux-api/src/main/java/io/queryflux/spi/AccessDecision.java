package io.queryflux.spi;

import java.util.Objects;

/**
 * What an {@link Authorizer} says about an access: allowed, or denied and why.
 *
 * @param allowed whether the access is allowed
 * @param reason why it is denied, shown to the client and kept in the routing trace; must not carry a secret
 */
public record AccessDecision(boolean allowed, String reason)
{
    private static final AccessDecision ALLOW = new AccessDecision(true, "allowed");

    public AccessDecision
    {
        Objects.requireNonNull(reason, "reason is null");
    }

    public static AccessDecision allow()
    {
        return ALLOW;
    }

    public static AccessDecision deny(String reason)
    {
        return new AccessDecision(false, reason);
    }
}
