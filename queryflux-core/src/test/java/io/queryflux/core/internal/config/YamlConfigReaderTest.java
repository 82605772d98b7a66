package io.queryflux.core.internal.config;

import io.queryflux.core.config.ClusterConfig;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.RouterConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlConfigReaderTest
{
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "DB_PASSWORD", "s3cret$1",
            "TRINO_HOST", "trino.internal",
            "PORT", "9000",
            "EMPTY", "");

    private final ConfigProblems problems = new ConfigProblems();

    @Test
    void substitutesEnvironmentVariables()
    {
        QueryFluxConfig config = read("""
                queryflux:
                  frontends:
                    trinoHttp: { port: "${PORT:-8080}", enabled: "${ENABLED:-false}" }
                clusterGroups:
                  g:
                    engine: jdbc
                    clusters:
                      - name: c
                        url: jdbc:trino://${TRINO_HOST}:8090/${CATALOG:-memory}
                        password: ${DB_PASSWORD}
                        user: ${EMPTY:-admin}
                        note: costs $${PRICE}
                routingFallback: g
                """);

        assertThat(problems.list()).isEmpty();
        assertThat(config.frontends().get("trinoHttp").port()).isEqualTo(9000);
        assertThat(config.frontends().get("trinoHttp").enabled()).isFalse();
        assertThat(config.clusterGroups().get("g").clusters().get(0).properties()).containsExactly(
                Map.entry("url", "jdbc:trino://trino.internal:8090/memory"),
                Map.entry("password", "s3cret$1"),
                Map.entry("user", "admin"),
                Map.entry("note", "costs ${PRICE}"));
    }

    @Test
    void reportsAnUnsetVariableWithoutDefault()
    {
        read("""
                clusterGroups:
                  g:
                    engine: jdbc
                    clusters:
                      - { name: c, password: "${MISSING_PASSWORD}" }
                      - { name: "${MISSING_NAME}" }
                routingFallback: g
                """);

        assertThat(problems.list()).containsExactly(
                "clusterGroups.g.clusters[0].password refers to the environment variable MISSING_PASSWORD, which is not set",
                "clusterGroups.g.clusters[1].name refers to the environment variable MISSING_NAME, which is not set");
    }

    @Test
    void keepsTheGoodPartsOfABrokenConfig()
    {
        QueryFluxConfig config = read("""
                clusterGroups:
                  g:
                    engine: duckDb
                    clusters:
                      - 5
                      - { name: good, databasePath: ":memory:" }
                  notAMap: 5
                  noClusters:
                    engine: duckDb
                    clusters: many
                routers:
                  - header
                  - { type: header, headerName: X-Target }
                routingFallback: notAMap
                """);

        // Consequences (no engine, no clusters, a fallback to a broken group) are not reported again.
        assertThat(problems.list()).containsExactly(
                "clusterGroups.g.clusters[0] must be a map, not '5'",
                "clusterGroups.notAMap must be a map, not '5'",
                "clusterGroups.noClusters.clusters must be a list, not 'many'",
                "routers[0] must be a map, not 'header'");
        assertThat(config.clusterGroups().get("g").clusters()).containsExactly(ClusterConfig.of("good", Map.of("databasePath", ":memory:")));
        assertThat(config.clusterGroups()).containsKeys("notAMap", "noClusters");
        assertThat(config.routers()).containsExactly(new RouterConfig("header", Map.of("headerName", "X-Target")));
        assertThat(config.routingFallback()).isEqualTo("notAMap");
    }

    @Test
    void reportsWrongTypesOfStructuralValues()
    {
        QueryFluxConfig config = read("""
                queryflux:
                  externalAddress: [ a ]
                  frontends:
                    trinoHttp: { enabled: maybe, port: 99999999999 }
                clusterGroups:
                  g:
                    engine: { name: duckDb }
                    maxRunningQueries: 2.5
                    clusters:
                      - { name: [ c ], maxRunningQueries: many }
                routers: { type: header }
                routingFallback: g
                """);

        assertThat(problems.list()).containsExactlyInAnyOrder(
                "queryflux.externalAddress must be a string, not a list",
                "queryflux.frontends.trinoHttp.enabled must be true or false, not 'maybe'",
                "queryflux.frontends.trinoHttp.port is out of range: 99999999999",
                "clusterGroups.g.engine must be a string, not a map",
                "clusterGroups.g.maxRunningQueries must be an integer, not '2.5'",
                "clusterGroups.g.clusters[0].name must be a string, not a list",
                "clusterGroups.g.clusters[0].maxRunningQueries must be an integer, not 'many'",
                "routers must be a list, not a map");
        assertThat(config.clusterGroups().get("g").maxRunningQueries()).isEqualTo(ClusterGroupConfig.DEFAULT_MAX_RUNNING_QUERIES);
    }

    @Test
    void givesProvidersStringKeysAndUnmodifiableValues()
    {
        QueryFluxConfig config = read("""
                clusterGroups:
                  g: { engine: duckDb, clusters: [ { name: c } ] }
                routers:
                  - { type: header, headerValueToGroup: { 1: g, true: g }, tags: [ a, b ] }
                routingFallback: g
                """);

        Map<String, Object> properties = config.routers().get(0).properties();
        assertThat(problems.list()).isEmpty();
        assertThat(properties.get("headerValueToGroup")).isEqualTo(Map.of("1", "g", "true", "g"));
        assertThatThrownBy(() -> castToMap(properties.get("headerValueToGroup")).put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> castToList(properties.get("tags")).add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void stopsAtATreeNestedTooDeeply()
    {
        String nested = "[".repeat(70) + "]".repeat(70);

        read("clusterGroups: { g: { engine: duckDb, deep: " + nested + ", clusters: [ { name: c } ] } }\nroutingFallback: g\n");

        assertThat(problems.list()).singleElement().asString()
                .startsWith("clusterGroups.g.deep[0][0]")
                .endsWith("is nested more than 64 levels deep");
    }

    private QueryFluxConfig read(String yaml)
    {
        return new YamlConfigReader(ENVIRONMENT::get).read(yaml, problems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castToMap(Object value)
    {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castToList(Object value)
    {
        return (List<Object>) value;
    }
}
