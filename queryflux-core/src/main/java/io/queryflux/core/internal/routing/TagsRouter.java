package io.queryflux.core.internal.routing;

import io.queryflux.spi.Router;
import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Routes by the first rule all of whose tags the query carries. */
final class TagsRouter
        implements Router
{
    private final List<Rule> rules;

    TagsRouter(List<Rule> rules)
    {
        this.rules = List.copyOf(rules);
    }

    @Override
    public RoutingDecision route(String sql, SessionContext session)
    {
        for (Rule rule : rules) {
            if (rule.matches(session.tags())) {
                return RoutingDecision.route(rule.group(), "tags match " + rule.name() + " " + rule.describeTags());
            }
        }
        return RoutingDecision.noOpinion();
    }

    /**
     * One rule.
     *
     * @param name the rule as the config names it, e.g. {@code rules[2]}
     * @param tags the tags the query must carry; a {@code null} value accepts any value, or none
     */
    record Rule(String name, Map<String, String> tags, String group)
    {
        Rule
        {
            requireNonNull(name, "name is null");
            requireNonNull(group, "group is null");
            // Not Map.copyOf: a null value is meaningful here.
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        boolean matches(Map<String, String> queryTags)
        {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!queryTags.containsKey(tag.getKey())) {
                    return false;
                }
                if (tag.getValue() != null && !Objects.equals(tag.getValue(), queryTags.get(tag.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        String describeTags()
        {
            return tags.entrySet().stream()
                    .map(tag -> tag.getValue() == null ? tag.getKey() : tag.getKey() + "=" + tag.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
