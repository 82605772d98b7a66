package io.queryflux.core.internal.auth;

import io.queryflux.spi.Principal;

/**
 * Who may act on a query (poll it, heartbeat, cancel it): the user it runs as, or an operator. A query
 * submitted anonymously has no owner; anyone holding its URI may act on it. With a provider that
 * verifies nobody ({@code none}), a user name is a claim any client can make, so ownership is not
 * enforced: as in Trino without authentication, the URI itself is the capability.
 */
public final class QueryOwnership
{
    private QueryOwnership() {}

    /**
     * @param owner the user the query runs as, or {@code null}
     * @param requester who sent the request, or {@code null} for an anonymous client
     * @param verified whether {@code requester} was verified, not just claimed
     * @throws AccessRefused 403 when {@code requester} may not act on the query
     */
    public static void check(String owner, Principal requester, boolean verified, AccessControl access)
    {
        if (!verified || owner == null || (requester != null && owner.equals(requester.user())) || access.isOperator(requester)) {
            return;
        }
        throw AccessRefused.forbidden("the query belongs to another user");
    }
}
