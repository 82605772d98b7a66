package io.queryflux.spi;

import java.util.Set;

/**
 * What a router factory may know about the server it is built for.
 *
 * @param groupNames the configured cluster groups, to validate target groups against
 */
public record RouterContext(Set<String> groupNames)
{
    public RouterContext
    {
        groupNames = Set.copyOf(groupNames);
    }
}
