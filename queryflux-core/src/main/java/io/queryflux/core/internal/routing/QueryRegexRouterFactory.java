package io.queryflux.core.internal.routing;

import io.queryflux.core.internal.routing.QueryRegexRouter.Rule;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates routers for {@code type: queryRegex}: the first rule whose regular expression is found in the
 * SQL text routes the query to its group or denies it.
 *
 * <pre>{@code
 * routers:
 *   - type: queryRegex
 *     rules:
 *       - regex: "(?i)^\\s*(insert|update|delete|drop)\\b"
 *         action: deny                        # route (the default) or deny
 *         error: Writes are not allowed here  # optional; default "Query denied by rule <index>"
 *       - regex: "(?i)\\bfrom\\s+prod\\."
 *         targetGroup: heavy                  # required for route, not allowed for deny
 * }</pre>
 *
 * Patterns are {@link java.util.regex.Pattern Java regular expressions} and are searched for anywhere
 * in the SQL ({@link java.util.regex.Matcher#find()}); anchor with {@code ^} or {@code \b} as needed.
 * Matching is case-sensitive unless the pattern starts with {@code (?i)}. The default deny message
 * counts rules from 0, like the config paths {@code rules[0]}, {@code rules[1]}.
 */
public final class QueryRegexRouterFactory
        implements RouterFactory
{
    public static final String NAME = "queryRegex";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Router create(ProviderConfig config, RouterContext context)
    {
        return RuleLists.read(config, (entry, index) -> rule(entry, index, context))
                .map(QueryRegexRouter::new)
                .orElse(null);
    }

    private static Optional<Rule> rule(ProviderConfig entry, int index, RouterContext context)
    {
        Optional<Pattern> pattern = RegexConfig.required(entry, "regex");
        String action = entry.string("action").orElse("route");
        String name = "rules[" + index + "]";
        switch (action.toLowerCase(Locale.ROOT)) {
            case "route" -> {
                if (entry.has("error")) {
                    entry.problem("error", "is only used with action: deny");
                }
                String group = TargetGroups.required(entry, "targetGroup", context);
                return pattern.filter(ignored -> group != null).map(regex -> Rule.route(name, regex, group));
            }
            case "deny" -> {
                if (entry.has("targetGroup")) {
                    entry.problem("targetGroup", "is not used with action: deny");
                }
                String message = entry.string("error")
                        .filter(error -> !error.isBlank())
                        .orElse("Query denied by rule " + index);
                return pattern.map(regex -> Rule.deny(name, regex, message));
            }
            default -> {
                // Marked as read so that they are not also reported as unknown keys.
                entry.has("targetGroup");
                entry.has("error");
                entry.problem("action", "must be route or deny, not '" + action + "'");
                return Optional.empty();
            }
        }
    }
}
