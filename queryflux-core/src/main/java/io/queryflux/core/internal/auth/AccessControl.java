package io.queryflux.core.internal.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.spi.AccessDecision;
import io.queryflux.spi.Authorizer;
import io.queryflux.spi.Principal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization policy: each group's {@code authorization} rule and {@code auth.operators} from
 * the config, and the {@link Authorizer}s a host registered. A group may be used only when every one
 * of them allows it; a user is an operator when the config or any authorizer says so.
 */
public final class AccessControl
{
    private final Map<String, GroupAccessRule> groupRules;
    private final Set<String> operatorUsers;
    private final Set<String> operatorGroups;
    private final List<Authorizer> authorizers;

    public AccessControl(AuthConfig config, Map<String, GroupAccessRule> groupRules, List<Authorizer> authorizers)
    {
        this.groupRules = Map.copyOf(groupRules);
        this.operatorUsers = Set.copyOf(config.operatorUsers());
        this.operatorGroups = Set.copyOf(config.operatorGroups());
        this.authorizers = List.copyOf(authorizers);
    }

    /** Why {@code principal} (null: anonymous) may not use {@code group}, or empty when it may. */
    public Optional<Denial> checkGroupAccess(Principal principal, String group)
    {
        GroupAccessRule rule = groupRules.get(group);
        if (rule != null && !rule.allows(principal)) {
            String who = principal == null ? "an anonymous client" : "user " + principal.user();
            return Optional.of(new Denial(rule.path(), who + " is not in allowUsers and in none of allowGroups"));
        }
        for (Authorizer authorizer : authorizers) {
            AccessDecision decision = authorizer.checkGroupAccess(principal, group);
            if (decision == null || !decision.allowed()) {
                return Optional.of(new Denial("authorizer " + authorizer.getClass().getName(), decision == null ? "no decision" : decision.reason()));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code principal} may act on every user's queries. */
    public boolean isOperator(Principal principal)
    {
        if (principal == null) {
            return false;
        }
        if (operatorUsers.contains(principal.user()) || principal.groups().stream().anyMatch(operatorGroups::contains)) {
            return true;
        }
        return authorizers.stream().anyMatch(authorizer -> authorizer.isOperator(principal));
    }

    /**
     * A denied access.
     *
     * @param rule what denied it, e.g. {@code clusterGroups.finance.authorization}
     * @param reason why
     */
    public record Denial(String rule, String reason) {}
}
