package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Routes or denies by the first rule whose regular expression is found in the SQL text. */
final class QueryRegexRouter
        implements Router
{
    private final List<Rule> rules;

    QueryRegexRouter(List<Rule> rules)
    {
        this.rules = List.copyOf(rules);
    }

    @Override
    public RoutingDecision route(String sql, SessionContext session)
    {
        for (Rule rule : rules) {
            if (rule.pattern().matcher(sql).find()) {
                if (rule.group() == null) {
                    return RoutingDecision.deny(rule.denyMessage());
                }
                // The pattern, not the SQL: the query text may hold secrets such as passwords.
                return RoutingDecision.route(rule.group(), "query matches " + rule.name() + " /" + rule.pattern().pattern() + "/");
            }
        }
        return RoutingDecision.noOpinion();
    }

    /**
     * One rule: it routes to {@code group}, or denies with {@code denyMessage} when {@code group} is {@code null}.
     *
     * @param name the rule as the config names it, e.g. {@code rules[2]}
     */
    record Rule(String name, Pattern pattern, String group, String denyMessage)
    {
        Rule
        {
            requireNonNull(name, "name is null");
            requireNonNull(pattern, "pattern is null");
            if ((group == null) == (denyMessage == null)) {
                throw new IllegalArgumentException("a rule either routes to a group or denies with a message");
            }
        }

        static Rule route(String name, Pattern pattern, String group)
        {
            return new Rule(name, pattern, group, null);
        }

        static Rule deny(String name, Pattern pattern, String message)
        {
            return new Rule(name, pattern, null, message);
        }
    }
}
