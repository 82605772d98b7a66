package io.queryflux.core.internal.engine;

import io.queryflux.core.internal.auth.GroupAccessRule;
import io.queryflux.core.internal.routing.TagParser;
import io.queryflux.spi.ProviderConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster group's own settings, read from its config entry next to the engine's settings:
 * {@code strategy}, {@code weights}, {@code healthCheck} and {@code circuitBreaker}.
 *
 * <pre>{@code
 * strategy: weighted            # roundRobin (default) | leastLoaded | failover | weighted
 * weights: { trino-1: 3, trino-2: 1 }
 * healthCheck: { enabled: true, interval: 10s, timeout: 3s }
 * circuitBreaker: { enabled: true, failureRateThreshold: 0.5, minimumRequests: 10, window: 60s, backoff: 5s, maxBackoff: 5m }
 * defaultTags: { team: analytics }   # a query's own tags win on conflict
 * authorization: { allowUsers: [alice], allowGroups: [analysts] }   # who may use the group; anyone when absent
 * }</pre>
 */
public record GroupSettings(String strategy, Map<String, Integer> weights, HealthCheckSettings healthCheck, CircuitBreaker.Settings circuitBreaker, Map<String, String> defaultTags, GroupAccessRule authorization)
{
    /** The keys of a group entry that belong to the group, not to its engine. */
    public static final Set<String> KEYS = Set.of("strategy", "weights", "healthCheck", "circuitBreaker", "defaultTags", "authorization");

    private static final List<String> STRATEGIES = List.of("roundRobin", "leastLoaded", "failover", "weighted");

    public record HealthCheckSettings(boolean enabled, Duration interval, Duration timeout) {}

    public static GroupSettings read(ProviderConfig group, Set<String> clusterNames)
    {
        String strategy = group.string("strategy").orElse("roundRobin");
        if (!STRATEGIES.contains(strategy)) {
            group.problem("strategy", "must be one of " + String.join(", ", STRATEGIES) + ", not '" + strategy + "'");
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        group.stringMap("weights").forEach((cluster, value) -> {
            if (!clusterNames.contains(cluster)) {
                group.problem("weights." + cluster, "is not a cluster of this group");
                return;
            }
            try {
                int weight = Integer.parseInt(String.valueOf(value).trim());
                if (weight <= 0) {
                    throw new NumberFormatException();
                }
                weights.put(cluster, weight);
            }
            catch (NumberFormatException e) {
                group.problem("weights." + cluster, "must be a positive integer, not '" + value + "'");
            }
        });
        if (strategy.equals("weighted") && weights.isEmpty()) {
            group.problem("weights", "is required for strategy weighted");
        }
        Map<String, String> defaultTags = group.stringMap("defaultTags");
        defaultTags.keySet().stream().filter(key -> !TagParser.isValidKey(key))
                .forEach(key -> group.problem("defaultTags." + key, "is not a valid tag key ([A-Za-z0-9_-], at most " + TagParser.MAX_KEY_LENGTH + " characters)"));
        return new GroupSettings(strategy, Map.copyOf(weights), healthCheck(group.object("healthCheck")), breaker(group.object("circuitBreaker")), defaultTags, GroupAccessRule.read(group));
    }

    ClusterStrategy newStrategy()
    {
        return switch (strategy) {
            case "leastLoaded" -> ClusterStrategy.leastLoaded();
            case "failover" -> ClusterStrategy.failover();
            case "weighted" -> ClusterStrategy.weighted(weights);
            default -> ClusterStrategy.roundRobin();
        };
    }

    private static HealthCheckSettings healthCheck(Optional<ProviderConfig> entry)
    {
        if (entry.isEmpty()) {
            return new HealthCheckSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(3));
        }
        ProviderConfig config = entry.get();
        HealthCheckSettings settings = new HealthCheckSettings(
                config.bool("enabled", true),
                config.duration("interval", Duration.ofSeconds(10)),
                config.duration("timeout", Duration.ofSeconds(3)));
        if (settings.interval().isZero() || settings.interval().isNegative()) {
            config.problem("interval", "must be > 0");
        }
        if (settings.timeout().isZero() || settings.timeout().isNegative()) {
            config.problem("timeout", "must be > 0");
        }
        return settings;
    }

    private static CircuitBreaker.Settings breaker(Optional<ProviderConfig> entry)
    {
        CircuitBreaker.Settings defaults = CircuitBreaker.Settings.defaults();
        if (entry.isEmpty()) {
            return defaults;
        }
        ProviderConfig config = entry.get();
        double threshold = config.string("failureRateThreshold").map(GroupSettings::parseRate).orElse(defaults.failureRateThreshold());
        if (!(threshold > 0 && threshold <= 1)) {
            config.problem("failureRateThreshold", "must be a number in (0, 1]");
        }
        CircuitBreaker.Settings settings = new CircuitBreaker.Settings(
                config.bool("enabled", true),
                threshold,
                config.integer("minimumRequests", defaults.minimumRequests()),
                config.duration("window", defaults.window()),
                config.duration("backoff", defaults.initialBackoff()),
                config.duration("maxBackoff", defaults.maxBackoff()));
        if (settings.minimumRequests() < 1) {
            config.problem("minimumRequests", "must be > 0");
        }
        if (settings.maxBackoff().compareTo(settings.initialBackoff()) < 0) {
            config.problem("maxBackoff", "must be >= backoff");
        }
        return settings;
    }

    private static double parseRate(String text)
    {
        try {
            return Double.parseDouble(text.trim());
        }
        catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
