package io.queryflux.core.internal.routing;

import io.queryflux.core.internal.routing.TagsRouter.Rule;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates routers for {@code type: tags}: the first rule all of whose tags the query carries routes it
 * to the rule's group.
 *
 * <pre>{@code
 * routers:
 *   - type: tags
 *     rules:
 *       - tags: { team: eng, env: prod }   # both must be present with these values
 *         targetGroup: prod-eng
 *       - tags: { batch: null }            # null: present, with any value or none
 *         targetGroup: batch
 * }</pre>
 *
 * A rule's tag keys must be valid tag keys ({@link TagParser#isValidKey}), since no client can send
 * any other. A query without a tag that a rule needs, or with another value, is not matched by it.
 */
public final class TagsRouterFactory
        implements RouterFactory
{
    public static final String NAME = "tags";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Router create(ProviderConfig config, RouterContext context)
    {
        return RuleLists.read(config, (entry, index) -> rule(entry, index, context))
                .map(TagsRouter::new)
                .orElse(null);
    }

    private static Optional<Rule> rule(ProviderConfig entry, int index, RouterContext context)
    {
        Optional<Map<String, String>> tags = tags(entry);
        String group = TargetGroups.required(entry, "targetGroup", context);
        if (tags.isEmpty() || group == null) {
            return Optional.empty();
        }
        return Optional.of(new Rule("rules[" + index + "]", tags.get(), group));
    }

    private static Optional<Map<String, String>> tags(ProviderConfig entry)
    {
        if (!entry.has("tags")) {
            entry.problem("tags", "is required");
            return Optional.empty();
        }
        Optional<ProviderConfig> nested = entry.object("tags");
        if (nested.isEmpty()) {
            return Optional.empty(); // reported by object
        }
        ProviderConfig tags = nested.get();
        Map<String, String> result = new LinkedHashMap<>();
        boolean valid = true;
        for (String key : tags.keys()) {
            if (!TagParser.isValidKey(key)) {
                tags.problem(key, "is not a valid tag key: use at most " + TagParser.MAX_KEY_LENGTH + " letters, digits, '_' or '-'");
                valid = false;
            }
            if (!tags.has(key)) {
                result.put(key, null); // YAML null: the key only has to be present
                continue;
            }
            Optional<String> value = tags.string(key);
            if (value.isEmpty()) {
                valid = false; // not a string: reported by string
            }
            else {
                result.put(key, value.get());
            }
        }
        if (valid && result.isEmpty()) {
            entry.problem("tags", "must list at least one tag");
            return Optional.empty();
        }
        return valid ? Optional.of(Collections.unmodifiableMap(result)) : Optional.empty();
    }
}
