package io.queryflux.spi;

import java.util.Objects;
import java.util.Set;

/**
 * Who a client is, as an {@link AuthProvider} established it.
 *
 * @param user the user name queries run as
 * @param groups the groups the user belongs to, for authorization; empty when the provider knows none
 */
public record Principal(String user, Set<String> groups)
{
    public Principal
    {
        Objects.requireNonNull(user, "user is null");
        groups = Set.copyOf(groups);
    }

    public static Principal of(String user)
    {
        return new Principal(user, Set.of());
    }
}
