package io.queryflux.spi;

/**
 * A host application's own access policy, registered on the builder. It is asked in addition to the
 * configured rules (each cluster group's {@code authorization} and {@code auth.operators}): a query
 * runs in a group only when every policy allows it, and a user is an operator when any policy says so.
 * Called concurrently; must not block.
 */
public interface Authorizer
{
    /**
     * Whether {@code principal} may run queries in cluster group {@code group}.
     *
     * @param principal the authenticated principal, or {@code null} for an anonymous client
     */
    AccessDecision checkGroupAccess(Principal principal, String group);

    /**
     * Whether {@code principal} may poll, heartbeat and cancel every user's queries, not only its own.
     *
     * @param principal the authenticated principal, or {@code null} for an anonymous client
     */
    default boolean isOperator(Principal principal)
    {
        return false;
    }
}
