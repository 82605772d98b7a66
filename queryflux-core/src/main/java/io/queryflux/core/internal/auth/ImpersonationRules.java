package io.queryflux.core.internal.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.spi.Principal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may run queries as another user ({@code auth.impersonation}). A principal that asks for its own
 * name, or for none, stays itself; asking for another name needs a matching rule, else the request is
 * refused with 403.
 */
final class ImpersonationRules
{
    private final List<Rule> rules;

    ImpersonationRules(List<AuthConfig.Impersonation> rules)
    {
        this.rules = rules.stream().map(rule -> new Rule(Pattern.compile(rule.user()), Pattern.compile(rule.mayActAs()))).toList();
    }

    /**
     * The principal queries run as. An impersonated user gets no groups: the principal's groups are
     * its own, and the provider knows nothing about the other user's.
     */
    Principal apply(Principal principal, String sessionUser)
    {
        if (sessionUser == null || sessionUser.equals(principal.user())) {
            return principal;
        }
        for (Rule rule : rules) {
            if (rule.user().matcher(principal.user()).matches() && rule.mayActAs().matcher(sessionUser).matches()) {
                return Principal.of(sessionUser);
            }
        }
        throw AccessRefused.forbidden("Principal " + principal.user() + " may not act as user " + sessionUser + " (no auth.impersonation rule allows it)");
    }

    private record Rule(Pattern user, Pattern mayActAs) {}
}
