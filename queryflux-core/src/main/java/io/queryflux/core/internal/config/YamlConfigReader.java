package io.queryflux.core.internal.config;

import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.RouterConfig;
import io.queryflux.core.config.TlsConfig;
import io.queryflux.spi.SessionContext;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static io.queryflux.core.internal.config.ConfigProblems.child;
import static io.queryflux.core.internal.config.ConfigProblems.index;

/**
 * Reads a YAML config leniently: every problem is recorded, broken parts are left out, and the
 * best config that could be read is returned, so that the engine builder can go on to report the
 * problems its factories find too. {@link io.queryflux.core.config.ConfigLoader} is the strict facade.
 */
public final class YamlConfigReader
{
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("queryflux", "clusterGroups", "routers", "routingFallback", "auth");
    private static final Set<String> SERVER_KEYS = Set.of("externalAddress", "frontends");
    private static final Set<String> FRONTEND_KEYS = Set.of("enabled", "port", "tls");
    private static final Set<String> ROUTER_KEYS = Set.of("type");
    private static final String FRONTENDS_PATH = "queryflux.frontends";

    private final Function<String, String> environment;

    /** A reader that takes {@code ${NAME}} references from {@code environment} (e.g. {@code System::getenv}). */
    public YamlConfigReader(Function<String, String> environment)
    {
        this.environment = Objects.requireNonNull(environment, "environment is null");
    }

    /** Reads {@code yaml}, with {@code ${NAME}} taken from the process environment. */
    public static QueryFluxConfig parse(String yaml, ConfigProblems problems)
    {
        return new YamlConfigReader(System::getenv).read(yaml, problems);
    }

    /** Reads a YAML file, with {@code ${NAME}} taken from the process environment. */
    public static QueryFluxConfig load(Path file, ConfigProblems problems)
    {
        return new YamlConfigReader(System::getenv).read(file, problems);
    }

    public QueryFluxConfig read(Path file, ConfigProblems problems)
    {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            problems.add("", "Config file " + file + " does not exist");
            return emptyConfig();
        }
        catch (IOException e) {
            problems.add("", "Config file " + file + " cannot be read: " + e);
            return emptyConfig();
        }
        return read(yaml, file.toString(), problems);
    }

    public QueryFluxConfig read(String yaml, ConfigProblems problems)
    {
        return read(yaml, "", problems);
    }

    private QueryFluxConfig read(String yaml, String source, ConfigProblems problems)
    {
        Object document;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(source.isEmpty() ? "config" : source)
                    .setSchema(new CoreSchema())
                    .build();
            document = new Load(settings).loadFromString(yaml);
        }
        catch (YamlEngineException e) {
            problems.add("", syntaxError(e, source));
            return emptyConfig();
        }
        if (document != null && !(document instanceof Map)) {
            problems.add("", "The configuration must be a YAML map, not " + YamlValues.describe(document));
            return emptyConfig();
        }
        // An empty document is an empty map: the validator then says what is missing.
        Object resolved = new EnvironmentSubstitution(environment, problems).resolve(document == null ? Map.of() : document, "");
        Map<String, Object> root = YamlValues.map(resolved, "", problems).orElseThrow();
        QueryFluxConfig config = readConfig(root, problems);
        ConfigValidator.validate(config, problems);
        return config;
    }

    private static QueryFluxConfig readConfig(Map<String, Object> root, ConfigProblems problems)
    {
        YamlValues.reportUnknownKeys(root, TOP_LEVEL_KEYS, "", problems);
        Map<String, Object> server = YamlValues.map(root.get("queryflux"), "queryflux", problems).orElse(Map.of());
        YamlValues.reportUnknownKeys(server, SERVER_KEYS, "queryflux", problems);
        return new QueryFluxConfig(
                YamlValues.string(server.get("externalAddress"), "queryflux.externalAddress", problems),
                readFrontends(server.get("frontends"), problems),
                new ClusterGroupReader(problems).read(root.get("clusterGroups")),
                readRouters(root.get("routers"), problems),
                YamlValues.string(root.get("routingFallback"), "routingFallback", problems),
                new AuthConfigReader(problems).readAuth(root.get("auth")));
    }

    private static Map<String, FrontendConfig> readFrontends(Object value, ConfigProblems problems)
    {
        Map<String, FrontendConfig> frontends = new LinkedHashMap<>();
        YamlValues.map(value, FRONTENDS_PATH, problems).orElse(Map.of()).forEach((name, entry) -> {
            String path = child(FRONTENDS_PATH, name);
            // A bare "trinoHttp:" enables the frontend with its defaults.
            YamlValues.map(entry, path, problems).ifPresent(frontend -> {
                boolean enabled = YamlValues.bool(frontend.get("enabled"), child(path, "enabled"), problems).orElse(true);
                int port = YamlValues.integer(frontend.get("port"), child(path, "port"), problems).orElse(FrontendConfig.DEFAULT_TRINO_HTTP_PORT);
                TlsConfig tls = new AuthConfigReader(problems).readTls(frontend.get("tls"), child(path, "tls"));
                frontends.put(name, new FrontendConfig(name, enabled, port, YamlValues.without(frontend, FRONTEND_KEYS), tls));
            });
        });
        if (frontends.isEmpty()) {
            // Same default as QueryFluxConfig.Builder.
            frontends.put(SessionContext.TRINO_HTTP, new FrontendConfig(SessionContext.TRINO_HTTP, true, FrontendConfig.DEFAULT_TRINO_HTTP_PORT, Map.of()));
        }
        return frontends;
    }

    private static List<RouterConfig> readRouters(Object value, ConfigProblems problems)
    {
        List<Object> entries = YamlValues.list(value, "routers", problems).orElse(List.of());
        List<RouterConfig> routers = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = index("routers", i);
            Object entry = entries.get(i);
            if (entry == null) {
                problems.add(path, "must be a map, not empty");
                continue;
            }
            // A missing type reads as blank, for the validator to report.
            YamlValues.map(entry, path, problems).ifPresent(router -> routers.add(new RouterConfig(
                    Objects.requireNonNullElse(YamlValues.string(router.get("type"), child(path, "type"), problems), ""),
                    YamlValues.without(router, ROUTER_KEYS))));
        }
        return routers;
    }

    private static String syntaxError(YamlEngineException e, String source)
    {
        String where = source.isEmpty() ? "" : " in " + source;
        if (e instanceof MarkedYamlEngineException marked) {
            Optional<Mark> mark = marked.getProblemMark().or(marked::getContextMark);
            if (mark.isPresent()) {
                String problem = marked.getProblem() == null ? marked.getContext() : marked.getProblem();
                return "YAML syntax error%s at line %d, column %d: %s".formatted(where, mark.get().getLine() + 1, mark.get().getColumn() + 1, problem);
            }
        }
        return "Invalid YAML" + where + ": " + e.getMessage();
    }

    private static QueryFluxConfig emptyConfig()
    {
        return new QueryFluxConfig(null, Map.of(), Map.of(), List.of(), null);
    }
}
