package io.queryflux.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole QueryFlux configuration, as read from YAML by {@link ConfigLoader} or built with
 * {@link #builder()}.
 *
 * <pre>{@code
 * queryflux:
 *   externalAddress: http://localhost:8080
 *   frontends:
 *     trinoHttp: { enabled: true, port: 8080 }
 * clusterGroups:
 *   duckdb-local:
 *     engine: duckDb
 *     maxRunningQueries: 4
 *     clusters:
 *       - { name: duckdb-1, databasePath: ":memory:" }
 * routers: []
 * routingFallback: duckdb-local
 * }</pre>
 *
 * @param externalAddress the address clients reach QueryFlux at, used in the URIs handed to them;
 *        {@code null} derives it from each request
 * @param frontends by name
 * @param clusterGroups by name, in config order
 * @param routers in evaluation order
 * @param routingFallback the group for queries no router decides on
 */
public record QueryFluxConfig(
        String externalAddress,
        Map<String, FrontendConfig> frontends,
        Map<String, ClusterGroupConfig> clusterGroups,
        List<RouterConfig> routers,
        String routingFallback)
{
    public QueryFluxConfig
    {
        frontends = Collections.unmodifiableMap(new LinkedHashMap<>(frontends));
        clusterGroups = Collections.unmodifiableMap(new LinkedHashMap<>(clusterGroups));
        routers = List.copyOf(routers);
    }

    public Optional<String> externalAddressValue()
    {
        return Optional.ofNullable(externalAddress);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    // TODO(config helper): Builder with build() that validates and throws, validate(ConfigProblems).
    public static final class Builder
    {
        private Builder() {}
    }

    static String requireName(String name)
    {
        return Objects.requireNonNull(name, "name is null");
    }
}
