package io.queryflux.core.internal.routing;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.spi.Router;
import io.queryflux.spi.RouterContext;
import io.queryflux.spi.RouterFactory;
import io.queryflux.spi.SessionContext;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds routers the way the engine does: from one {@code routers} entry (written in YAML for
 * readability, so that YAML nulls and numbers arrive as they would from a file) through a
 * {@link MapProviderConfig}, then reporting unknown keys.
 */
final class RouterFixture
{
    static final RouterContext CONTEXT = new RouterContext(Set.of("analytics", "batch", "adhoc"));
    static final String GROUPS = "[adhoc, analytics, batch]";

    private final ConfigProblems problems = new ConfigProblems();

    /** The router for an entry given without its {@code type}, at path {@code routers[0]}; {@code null} if not created. */
    Router create(RouterFactory factory, String yaml)
    {
        MapProviderConfig config = new MapProviderConfig("routers[0]", parse(yaml), problems);
        Router router = factory.create(config, CONTEXT);
        config.reportUnknownKeys();
        return router;
    }

    /** The router for a valid entry; fails the test on any problem. */
    Router valid(RouterFactory factory, String yaml)
    {
        Router router = create(factory, yaml);
        assertThat(problems.list()).isEmpty();
        assertThat(router).isNotNull();
        return router;
    }

    List<String> problems()
    {
        return problems.list();
    }

    static SessionContext session(String protocol, String user, Map<String, String> tags, Map<String, String> headers)
    {
        return new SessionContext(protocol, user, null, tags, headers);
    }

    static SessionContext trino()
    {
        return session(SessionContext.TRINO_HTTP, null, Map.of(), Map.of());
    }

    static SessionContext withUser(String user)
    {
        return session(SessionContext.TRINO_HTTP, user, Map.of(), Map.of());
    }

    static SessionContext withHeaders(Map<String, String> headers)
    {
        return session(SessionContext.TRINO_HTTP, null, Map.of(), headers);
    }

    static SessionContext withTags(Map<String, String> tags)
    {
        return session(SessionContext.TRINO_HTTP, null, tags, Map.of());
    }

    /** A map that may hold null values, in the order given: key, value, key, value... */
    static Map<String, String> tags(String... keysAndValues)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml)
    {
        Object loaded = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return loaded == null ? Map.of() : (Map<String, Object>) loaded;
    }
}
