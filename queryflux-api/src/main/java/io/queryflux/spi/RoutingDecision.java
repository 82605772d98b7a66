package io.queryflux.spi;

import java.util.Objects;

/**
 * What a {@link Router} says about a query: send it to a cluster group, deny it, or no opinion
 * (the next router decides).
 *
 * @param kind the verdict
 * @param group the target cluster group; set only for {@link Kind#ROUTE}
 * @param reason why; shown to the client on a denial and kept in the routing trace
 */
public record RoutingDecision(Kind kind, String group, String reason)
{
    private static final RoutingDecision NO_OPINION = new RoutingDecision(Kind.NO_OPINION, null, "no opinion");

    public enum Kind
    {
        ROUTE, DENY, NO_OPINION
    }

    public RoutingDecision
    {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(reason, "reason is null");
        if ((kind == Kind.ROUTE) != (group != null)) {
            throw new IllegalArgumentException("a group is set exactly when the decision routes");
        }
    }

    public static RoutingDecision route(String group, String reason)
    {
        return new RoutingDecision(Kind.ROUTE, Objects.requireNonNull(group, "group is null"), reason);
    }

    public static RoutingDecision deny(String reason)
    {
        return new RoutingDecision(Kind.DENY, null, reason);
    }

    public static RoutingDecision noOpinion()
    {
        return NO_OPINION;
    }
}
