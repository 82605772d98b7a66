package io.queryflux.core.config;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.ConfigValidator;
import io.queryflux.spi.SessionContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.queryflux.core.internal.config.ConfigProblems.child;

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
 * auth: { provider: none }     # see AuthConfig
 * }</pre>
 *
 * <p>The constructor only copies; {@link #problems()} and {@link Builder#build()} check the
 * structural rules (names, limits, references). The settings of each frontend, router and engine
 * are checked by its factory when the engine is built.
 *
 * @param externalAddress the address clients reach QueryFlux at, used in the URIs handed to them,
 *        without a trailing slash; {@code null} derives it from each request
 * @param frontends by name
 * @param clusterGroups by name, in config order
 * @param routers in evaluation order
 * @param routingFallback the group for queries no router decides on
 * @param auth how clients authenticate; provider {@code none} by default
 */
public record QueryFluxConfig(
        String externalAddress,
        Map<String, FrontendConfig> frontends,
        Map<String, ClusterGroupConfig> clusterGroups,
        List<RouterConfig> routers,
        String routingFallback,
        AuthConfig auth)
{
    public QueryFluxConfig
    {
        // URIs are built by appending paths such as /v1/statement to it.
        if (externalAddress != null && externalAddress.endsWith("/")) {
            externalAddress = externalAddress.substring(0, externalAddress.length() - 1);
        }
        frontends = Collections.unmodifiableMap(new LinkedHashMap<>(frontends));
        clusterGroups = Collections.unmodifiableMap(new LinkedHashMap<>(clusterGroups));
        routers = List.copyOf(routers);
        auth = Objects.requireNonNullElse(auth, AuthConfig.defaults());
    }

    /** A config with the default {@code auth} (provider {@code none}). */
    public QueryFluxConfig(String externalAddress, Map<String, FrontendConfig> frontends, Map<String, ClusterGroupConfig> clusterGroups, List<RouterConfig> routers, String routingFallback)
    {
        this(externalAddress, frontends, clusterGroups, routers, routingFallback, AuthConfig.defaults());
    }

    public Optional<String> externalAddressValue()
    {
        return Optional.ofNullable(externalAddress);
    }

    /**
     * Every structural rule this config breaks, each as {@code <path> <message>} (e.g.
     * {@code clusterGroups.local.maxRunningQueries must be > 0, not 0}); empty when it is valid.
     */
    public List<String> problems()
    {
        ConfigProblems problems = new ConfigProblems();
        ConfigValidator.validate(this, problems);
        return problems.list();
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Builds a {@link QueryFluxConfig} in code. Without any frontend, {@code trinoHttp} is enabled
     * on port {@value FrontendConfig#DEFAULT_TRINO_HTTP_PORT}.
     */
    public static final class Builder
    {
        private String externalAddress;
        private final Map<String, FrontendConfig> frontends = new LinkedHashMap<>();
        private final Map<String, ClusterGroupConfig> clusterGroups = new LinkedHashMap<>();
        private final List<RouterConfig> routers = new ArrayList<>();
        private String routingFallback;
        private AuthConfig auth = AuthConfig.defaults();
        // Paths of entries added twice; reported by build() with the rest rather than thrown at once.
        private final List<String> duplicatePaths = new ArrayList<>();

        private Builder() {}

        public Builder externalAddress(String externalAddress)
        {
            this.externalAddress = externalAddress;
            return this;
        }

        public Builder frontend(FrontendConfig frontend)
        {
            Objects.requireNonNull(frontend, "frontend is null");
            if (frontends.putIfAbsent(frontend.name(), frontend) != null) {
                duplicatePaths.add(child("queryflux.frontends", frontend.name()));
            }
            return this;
        }

        /** Enables the Trino HTTP frontend on {@code port}; 0 picks a free port. */
        public Builder trinoHttp(int port)
        {
            return frontend(new FrontendConfig(SessionContext.TRINO_HTTP, true, port, Map.of()));
        }

        public Builder clusterGroup(ClusterGroupConfig group)
        {
            Objects.requireNonNull(group, "group is null");
            if (clusterGroups.putIfAbsent(group.name(), group) != null) {
                duplicatePaths.add(child("clusterGroups", group.name()));
            }
            return this;
        }

        /** Adds a router after those added before; routers are asked in this order. */
        public Builder router(RouterConfig router)
        {
            routers.add(Objects.requireNonNull(router, "router is null"));
            return this;
        }

        public Builder router(String type, Map<String, Object> properties)
        {
            return router(new RouterConfig(type, properties));
        }

        public Builder routingFallback(String groupName)
        {
            this.routingFallback = groupName;
            return this;
        }

        /** How clients authenticate; provider {@code none} when not set. */
        public Builder auth(AuthConfig auth)
        {
            this.auth = Objects.requireNonNull(auth, "auth is null");
            return this;
        }

        /**
         * Builds the config.
         *
         * @throws io.queryflux.spi.QueryFluxException with {@code CONFIGURATION_INVALID} listing
         *         every problem, each with its path
         */
        public QueryFluxConfig build()
        {
            Map<String, FrontendConfig> configuredFrontends = frontends.isEmpty() ? Map.of(SessionContext.TRINO_HTTP, defaultTrinoHttp()) : frontends;
            QueryFluxConfig config = new QueryFluxConfig(externalAddress, configuredFrontends, clusterGroups, routers, routingFallback, auth);
            ConfigProblems problems = new ConfigProblems();
            ConfigValidator.validate(config, problems);
            // Added after validating: they would otherwise hide the problems of the entry kept under that path.
            duplicatePaths.forEach(path -> problems.add(path, "is configured twice"));
            problems.throwIfAny();
            return config;
        }
    }

    private static FrontendConfig defaultTrinoHttp()
    {
        return new FrontendConfig(SessionContext.TRINO_HTTP, true, FrontendConfig.DEFAULT_TRINO_HTTP_PORT, Map.of());
    }
}
