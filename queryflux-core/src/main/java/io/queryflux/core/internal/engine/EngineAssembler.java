package io.queryflux.core.internal.engine;

import io.queryflux.core.config.ClusterConfig;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.RouterConfig;
import io.queryflux.core.internal.auth.GroupAccessRule;
import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.Frontend;
import io.queryflux.spi.FrontendContext;
import io.queryflux.spi.FrontendFactory;
import io.queryflux.spi.QueryEngine;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

import static io.queryflux.core.internal.config.ConfigProblems.child;
import static io.queryflux.core.internal.config.ConfigProblems.index;

/**
 * Builds the running pieces from a config: a backend per cluster, the router chain and the frontends.
 * Every provider's config problems land in one {@link ConfigProblems}; if there are any, whatever was
 * already built is closed again and all problems are thrown together.
 */
public final class EngineAssembler
{
    private static final Logger log = LoggerFactory.getLogger(EngineAssembler.class);

    private final ProviderRegistry<BackendFactory> backends;
    private final ProviderRegistry<RouterFactory> routers;
    private final ProviderRegistry<FrontendFactory> frontends;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService probeExecutor;
    private final Clock clock;
    private final List<HealthChecker> healthCheckers = new ArrayList<>();
    private final Map<String, GroupAccessRule> groupAccessRules = new LinkedHashMap<>();

    public EngineAssembler(ProviderRegistry<BackendFactory> backends, ProviderRegistry<RouterFactory> routers, ProviderRegistry<FrontendFactory> frontends, ScheduledExecutorService scheduler, ExecutorService probeExecutor, Clock clock)
    {
        this.backends = backends;
        this.routers = routers;
        this.frontends = frontends;
        this.scheduler = scheduler;
        this.probeExecutor = probeExecutor;
        this.clock = clock;
    }

    /** The cluster groups with their backends; on problems, closes what it opened and returns an empty map. */
    public Map<String, ClusterGroup> clusterGroups(QueryFluxConfig config, ConfigProblems problems, List<MapProviderConfig> entries)
    {
        Map<String, ClusterGroup> groups = new LinkedHashMap<>();
        config.clusterGroups().forEach((name, group) -> {
            String path = child("clusterGroups", name);
            if (group.engine() == null || group.engine().isBlank()) {
                return; // reported by the structural validation
            }
            Optional<BackendFactory> factory = backends.get(group.engine());
            if (factory.isEmpty()) {
                problems.add(child(path, "engine"), backends.unknownMessage(group.engine()));
                return;
            }
            GroupSettings settings = GroupSettings.read(new MapProviderConfig(path, group.properties(), problems),
                    group.clusters().stream().map(ClusterConfig::name).collect(Collectors.toSet()));
            List<Cluster> clusters = new ArrayList<>();
            for (int i = 0; i < group.clusters().size(); i++) {
                cluster(factory.get(), group, settings, i, problems, entries).ifPresent(clusters::add);
            }
            ClusterGroup built = new ClusterGroup(name, clusters, group.maxRunningQueries(), group.maxQueuedQueries(), group.capacityWaitTimeout(), scheduler, settings.newStrategy(), settings.defaultTags());
            groups.put(name, built);
            healthCheckers.add(new HealthChecker(built, settings.healthCheck(), scheduler, probeExecutor));
            groupAccessRules.put(name, settings.authorization());
        });
        return groups;
    }

    /** Who may use each group built so far, from its {@code authorization} entry. */
    public Map<String, GroupAccessRule> groupAccessRules()
    {
        return Map.copyOf(groupAccessRules);
    }

    /** The background health checkers of the groups built so far; started once the whole config is valid. */
    public List<HealthChecker> healthCheckers()
    {
        return List.copyOf(healthCheckers);
    }

    private Optional<Cluster> cluster(BackendFactory factory, ClusterGroupConfig group, GroupSettings settings, int index, ConfigProblems problems, List<MapProviderConfig> entries)
    {
        ClusterConfig cluster = group.clusters().get(index);
        Map<String, Object> properties = new LinkedHashMap<>(group.properties());
        properties.keySet().removeAll(GroupSettings.KEYS);
        properties.putAll(cluster.properties());
        MapProviderConfig entry = new MapProviderConfig(index(child(child("clusterGroups", group.name()), "clusters"), index), properties, problems);
        entries.add(entry);
        int capacity = cluster.maxRunningQueries().orElse(group.maxRunningQueries());
        Backend backend;
        try {
            backend = factory.create(entry, new BackendContext(group.name(), cluster.name(), capacity));
        }
        catch (RuntimeException e) {
            problems.add(entry.path(), "cannot be created: " + e.getMessage());
            return Optional.empty();
        }
        if (backend == null) {
            return Optional.empty();
        }
        return Optional.of(new Cluster(cluster.name(), backend, capacity, new CircuitBreaker(settings.circuitBreaker(), clock::millis)));
    }

    public RouterChain routerChain(QueryFluxConfig config, ConfigProblems problems, List<MapProviderConfig> entries)
    {
        RouterContext context = new RouterContext(config.clusterGroups().keySet());
        List<RouterChain.NamedRouter> chain = new ArrayList<>();
        for (int i = 0; i < config.routers().size(); i++) {
            RouterConfig router = config.routers().get(i);
            String path = index("routers", i);
            Optional<RouterFactory> factory = routers.get(router.type());
            if (factory.isEmpty()) {
                problems.add(child(path, "type"), routers.unknownMessage(router.type()));
                continue;
            }
            MapProviderConfig entry = new MapProviderConfig(path, router.properties(), problems);
            entries.add(entry);
            try {
                Router created = factory.get().create(entry, context);
                if (created != null) {
                    chain.add(new RouterChain.NamedRouter(path + " " + router.type(), created));
                }
            }
            catch (RuntimeException e) {
                problems.add(path, "cannot be created: " + e.getMessage());
            }
        }
        return new RouterChain(chain, config.routingFallback() == null ? "" : config.routingFallback());
    }

    public List<Frontend> frontends(QueryFluxConfig config, FrontendContext context, ConfigProblems problems, List<MapProviderConfig> entries)
    {
        List<Frontend> created = new ArrayList<>();
        for (FrontendConfig frontend : config.frontends().values()) {
            if (!frontend.enabled()) {
                continue;
            }
            String path = child("queryflux.frontends", frontend.name());
            Optional<FrontendFactory> factory = frontends.get(frontend.name());
            if (factory.isEmpty()) {
                problems.add(path, frontends.unknownMessage(frontend.name()));
                continue;
            }
            MapProviderConfig entry = new MapProviderConfig(path, frontend.properties(), problems);
            entries.add(entry);
            try {
                created.add(factory.get().create(entry, context));
            }
            catch (RuntimeException e) {
                problems.add(path, "cannot be created: " + e.getMessage());
            }
        }
        return created;
    }

    /** Closes what was built, logging instead of throwing, so one failure does not leak the rest. */
    public static void closeQuietly(List<? extends AutoCloseable> closeables)
    {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            }
            catch (Exception e) {
                log.warn("Failed to close {}", closeable, e);
            }
        }
    }

    /** The engine's view for frontends. */
    public record Context(QueryEngine engine, Optional<String> externalAddress, ScheduledExecutorService scheduler, String serverVersion)
            implements FrontendContext {}
}
