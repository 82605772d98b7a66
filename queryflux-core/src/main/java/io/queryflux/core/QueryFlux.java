package io.queryflux.core;

import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.internal.auth.AccessControl;
import io.queryflux.core.internal.auth.AuthAssembler;
import io.queryflux.core.internal.auth.Authentication;
import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.ConfigValidator;
import io.queryflux.core.internal.config.YamlConfigReader;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.core.internal.engine.Cluster;
import io.queryflux.core.internal.engine.ClusterGroup;
import io.queryflux.core.internal.engine.DispatchingQueryEngine;
import io.queryflux.core.internal.engine.EngineAssembler;
import io.queryflux.core.internal.engine.HealthChecker;
import io.queryflux.core.internal.engine.ProviderRegistry;
import io.queryflux.core.internal.engine.QueryIdGenerator;
import io.queryflux.core.internal.engine.RouterChain;
import io.queryflux.core.internal.trino.ErrorResponses;
import io.queryflux.spi.AuthProviderContext;
import io.queryflux.spi.AuthProviderFactory;
import io.queryflux.spi.Authorizer;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Frontend;
import io.queryflux.spi.FrontendFactory;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.QueryEngine;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.RouterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running QueryFlux: its frontends, routers and engine backends, built from a
 * {@link QueryFluxConfig}. A server adapter (such as the Jetty module's servlet) passes every HTTP
 * request to {@link #handle}.
 *
 * <pre>{@code
 * QueryFlux queryFlux = QueryFlux.builder()
 *         .config(QueryFluxConfig.builder()...build())
 *         .build();
 * }</pre>
 *
 * Factories are found with {@link java.util.ServiceLoader}; those registered on the builder win
 * over discovered ones of the same name.
 */
public final class QueryFlux
        implements AutoCloseable
{
    /** The version reported to clients, e.g. by {@code /v1/info}. */
    public static final String VERSION = Objects.requireNonNullElse(QueryFlux.class.getPackage().getImplementationVersion(), "0.1.0-SNAPSHOT");

    private static final Logger log = LoggerFactory.getLogger(QueryFlux.class);

    private final QueryFluxConfig config;
    private final DispatchingQueryEngine engine;
    private final Map<String, ClusterGroup> groups;
    private final List<Frontend> frontends;
    private final ExecutorService queryExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService probeExecutor;

    private QueryFlux(QueryFluxConfig config, DispatchingQueryEngine engine, Map<String, ClusterGroup> groups, List<Frontend> frontends, ExecutorService queryExecutor, ScheduledThreadPoolExecutor scheduler, ExecutorService probeExecutor)
    {
        this.probeExecutor = probeExecutor;
        this.config = config;
        this.engine = engine;
        this.groups = groups;
        this.frontends = List.copyOf(frontends);
        this.queryExecutor = queryExecutor;
        this.scheduler = scheduler;
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Serves one HTTP request: the first frontend that owns the path answers it; any other path gets a
     * Trino-shaped JSON 404. The exchange may be completed after this returns.
     */
    public void handle(HttpExchange exchange)
    {
        for (Frontend frontend : frontends) {
            if (frontend.handle(exchange)) {
                return;
            }
        }
        ErrorResponses.send(exchange, new QueryFluxException(ErrorCode.NOT_FOUND, "No resource at " + exchange.path()), null);
    }

    public QueryFluxConfig config()
    {
        return config;
    }

    /** The engine frontends submit to; also usable directly by an embedding application. */
    public QueryEngine engine()
    {
        return engine;
    }

    /** Queries running in a cluster group now. */
    public int runningQueries(String group)
    {
        return requireGroup(group).runningQueries();
    }

    /** Queries waiting for room in a cluster group now. */
    public int queuedQueries(String group)
    {
        return requireGroup(group).queuedQueries();
    }

    private ClusterGroup requireGroup(String group)
    {
        ClusterGroup found = groups.get(group);
        if (found == null) {
            throw new IllegalArgumentException("No cluster group " + group);
        }
        return found;
    }

    /** Stops accepting work, cancels what runs, and closes frontends and backends. */
    @Override
    public void close()
    {
        engine.cancelAll("QueryFlux is shutting down");
        EngineAssembler.closeQuietly(frontends);
        queryExecutor.shutdown();
        try {
            if (!queryExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Queries still running after 10 s of shutdown");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        probeExecutor.shutdownNow();
        closeBackends(groups);
    }

    private static void closeBackends(Map<String, ClusterGroup> groups)
    {
        groups.values().forEach(group -> EngineAssembler.closeQuietly(group.clusters().stream().map(Cluster::backend).toList()));
    }

    public static final class Builder
    {
        private QueryFluxConfig config;
        private Path configFile;
        private final List<BackendFactory> backendFactories = new ArrayList<>();
        private final List<RouterFactory> routerFactories = new ArrayList<>();
        private final List<FrontendFactory> frontendFactories = new ArrayList<>();
        private final List<AuthProviderFactory> authProviderFactories = new ArrayList<>();
        private final List<Authorizer> authorizers = new ArrayList<>();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

        private Builder() {}

        public Builder config(QueryFluxConfig config)
        {
            this.config = Objects.requireNonNull(config, "config is null");
            this.configFile = null;
            return this;
        }

        /**
         * Reads the config from a YAML file when {@link #build()} runs, so that YAML mistakes and the
         * providers' own problems are reported together.
         */
        public Builder configFile(Path configFile)
        {
            this.configFile = Objects.requireNonNull(configFile, "configFile is null");
            this.config = null;
            return this;
        }

        /** Registers a backend factory; it wins over a discovered one of the same name. */
        public Builder backendFactory(BackendFactory factory)
        {
            backendFactories.add(Objects.requireNonNull(factory, "factory is null"));
            return this;
        }

        /** Registers a router factory; it wins over a discovered one of the same name. */
        public Builder routerFactory(RouterFactory factory)
        {
            routerFactories.add(Objects.requireNonNull(factory, "factory is null"));
            return this;
        }

        /** Registers a frontend factory; it wins over a discovered one of the same name. */
        public Builder frontendFactory(FrontendFactory factory)
        {
            frontendFactories.add(Objects.requireNonNull(factory, "factory is null"));
            return this;
        }

        /** Registers an auth provider factory; it wins over a discovered one of the same name. */
        public Builder authProviderFactory(AuthProviderFactory factory)
        {
            authProviderFactories.add(Objects.requireNonNull(factory, "factory is null"));
            return this;
        }

        /**
         * Adds a host's own access policy, asked in addition to the configured rules: every policy must
         * allow a group, and any may make a user an operator.
         */
        public Builder authorizer(Authorizer authorizer)
        {
            authorizers.add(Objects.requireNonNull(authorizer, "authorizer is null"));
            return this;
        }

        /** Where {@link java.util.ServiceLoader} looks for factories; the context class loader by default. */
        public Builder classLoader(ClassLoader classLoader)
        {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader is null");
            return this;
        }

        /**
         * Validates the config and every provider's settings, reporting all problems in one
         * {@link QueryFluxException} ({@link ErrorCode#CONFIGURATION_INVALID}), then starts. Providers
         * are built even when the config has structural problems, so that theirs are reported too.
         */
        public QueryFlux build()
        {
            if (config == null && configFile == null) {
                throw new IllegalStateException("Neither config nor configFile is set");
            }
            ConfigProblems problems = new ConfigProblems();
            QueryFluxConfig config = this.config != null ? this.config : YamlConfigReader.load(configFile, problems);
            ConfigValidator.validate(config, problems);

            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("queryflux-timer"));
            scheduler.setRemoveOnCancelPolicy(true);
            ExecutorService queryExecutor = cachedDaemonPool("queryflux-query");
            ExecutorService probeExecutor = cachedDaemonPool("queryflux-health");
            EngineAssembler assembler = new EngineAssembler(
                    ProviderRegistry.discover(BackendFactory.class, classLoader, backendFactories, BackendFactory::name),
                    ProviderRegistry.discover(RouterFactory.class, classLoader, routerFactories, RouterFactory::name),
                    ProviderRegistry.discover(FrontendFactory.class, classLoader, frontendFactories, FrontendFactory::name),
                    scheduler,
                    probeExecutor,
                    Clock.systemUTC());

            List<MapProviderConfig> entries = new ArrayList<>();
            Map<String, ClusterGroup> groups = assembler.clusterGroups(config, problems, entries);
            RouterChain routers = assembler.routerChain(config, problems, entries);
            Authentication authentication = AuthAssembler.authentication(config.auth(),
                    ProviderRegistry.discover(AuthProviderFactory.class, classLoader, authProviderFactories, AuthProviderFactory::name),
                    new AuthProviderContext(scheduler), problems, entries);
            AccessControl access = new AccessControl(config.auth(), assembler.groupAccessRules(), authorizers);
            DispatchingQueryEngine engine = new DispatchingQueryEngine(authentication, access, routers, groups, new QueryIdGenerator(Clock.systemUTC()), queryExecutor);
            List<Frontend> frontends = assembler.frontends(config, new EngineAssembler.Context(engine, config.externalAddressValue(), scheduler, VERSION), problems, entries);
            entries.forEach(MapProviderConfig::reportUnknownKeys);
            if (!problems.isEmpty()) {
                EngineAssembler.closeQuietly(frontends);
                closeBackends(groups);
                scheduler.shutdownNow();
                queryExecutor.shutdownNow();
                probeExecutor.shutdownNow();
                problems.throwIfAny();
            }
            List<HealthChecker> healthCheckers = assembler.healthCheckers();
            healthCheckers.forEach(HealthChecker::start);
            return new QueryFlux(config, engine, groups, frontends, queryExecutor, scheduler, probeExecutor);
        }

        // Unbounded on purpose: admission bounds the running queries, health checks the probes.
        private static ExecutorService cachedDaemonPool(String prefix)
        {
            return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(prefix));
        }

        private static ThreadFactory daemonThreads(String prefix)
        {
            AtomicInteger counter = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
