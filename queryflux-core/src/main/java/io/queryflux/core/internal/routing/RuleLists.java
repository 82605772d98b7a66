package io.queryflux.core.internal.routing;

import io.queryflux.spi.ProviderConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a router's {@code rules} list, reporting every broken rule rather than stopping at the first.
 */
final class RuleLists
{
    private RuleLists() {}

    /** Reads one rule; reports its problems through the entry and returns empty when it is unusable. */
    @FunctionalInterface
    interface RuleReader<R>
    {
        Optional<R> read(ProviderConfig entry, int index);
    }

    /** The rules, or empty when {@code rules} is missing or any rule is broken (all problems reported). */
    static <R> Optional<List<R>> read(ProviderConfig config, RuleReader<R> reader)
    {
        if (!config.has("rules")) {
            config.problem("rules", "is required");
            return Optional.empty();
        }
        List<ProviderConfig> entries = config.list("rules");
        List<R> rules = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < entries.size(); i++) {
            Optional<R> rule = reader.read(entries.get(i), i);
            rule.ifPresent(rules::add);
            valid &= rule.isPresent();
        }
        return valid ? Optional.of(List.copyOf(rules)) : Optional.empty();
    }
}
