package io.queryflux.core.config;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest
{
    static final String EXAMPLE = """
            queryflux:
              externalAddress: http://localhost:8080/
              frontends:
                trinoHttp: { enabled: true, port: 8081, maxPollWait: 1s }
            clusterGroups:
              duckdb-local:
                engine: duckDb
                maxRunningQueries: 4
                maxQueuedQueries: 100
                capacityWaitTimeout: 30s
                memoryLimit: 1GB
                clusters:
                  - { name: duckdb-1, databasePath: ":memory:", maxRunningQueries: 2 }
                  - name: duckdb-2
                    databasePath: /tmp/b.db
              trino:
                engine: jdbc
                clusters:
                  - { name: trino-1, url: "jdbc:trino://localhost:8090" }
            routers:
              - { type: header, headerName: X-Target, headerValueToGroup: { a: duckdb-local, b: trino } }
              - type: protocolBased
                trinoHttp: trino
            routingFallback: duckdb-local
            """;

    @Test
    void parsesTheExampleIntoRecords()
    {
        QueryFluxConfig config = ConfigLoader.parse(EXAMPLE);

        assertThat(config.externalAddress()).isEqualTo("http://localhost:8080");
        assertThat(config.frontends()).containsExactly(Map.entry("trinoHttp", new FrontendConfig("trinoHttp", true, 8081, Map.of("maxPollWait", "1s"))));
        assertThat(config.clusterGroups()).containsOnlyKeys("duckdb-local", "trino");
        assertThat(config.clusterGroups().get("duckdb-local")).isEqualTo(new ClusterGroupConfig(
                "duckdb-local",
                "duckDb",
                4,
                100,
                Duration.ofSeconds(30),
                List.of(
                        new ClusterConfig("duckdb-1", OptionalInt.of(2), Map.of("databasePath", ":memory:")),
                        new ClusterConfig("duckdb-2", OptionalInt.empty(), Map.of("databasePath", "/tmp/b.db"))),
                Map.of("memoryLimit", "1GB")));
        assertThat(config.clusterGroups().get("trino")).isEqualTo(new ClusterGroupConfig(
                "trino",
                "jdbc",
                ClusterGroupConfig.DEFAULT_MAX_RUNNING_QUERIES,
                ClusterGroupConfig.DEFAULT_MAX_QUEUED_QUERIES,
                ClusterGroupConfig.DEFAULT_CAPACITY_WAIT_TIMEOUT,
                List.of(ClusterConfig.of("trino-1", Map.of("url", "jdbc:trino://localhost:8090"))),
                Map.of()));
        assertThat(config.routers()).containsExactly(
                new RouterConfig("header", Map.of("headerName", "X-Target", "headerValueToGroup", Map.of("a", "duckdb-local", "b", "trino"))),
                new RouterConfig("protocolBased", Map.of("trinoHttp", "trino")));
        assertThat(config.routingFallback()).isEqualTo("duckdb-local");
    }

    @Test
    void builderBuildsTheSameConfigAsTheExample()
    {
        QueryFluxConfig built = QueryFluxConfig.builder()
                .externalAddress("http://localhost:8080")
                .frontend(new FrontendConfig("trinoHttp", true, 8081, Map.of("maxPollWait", "1s")))
                .clusterGroup(ClusterGroupConfig.builder("duckdb-local", "duckDb")
                        .maxRunningQueries(4)
                        .maxQueuedQueries(100)
                        .capacityWaitTimeout(Duration.ofSeconds(30))
                        .property("memoryLimit", "1GB")
                        .cluster(new ClusterConfig("duckdb-1", OptionalInt.of(2), Map.of("databasePath", ":memory:")))
                        .cluster("duckdb-2", Map.of("databasePath", "/tmp/b.db"))
                        .build())
                .clusterGroup(ClusterGroupConfig.builder("trino", "jdbc")
                        .cluster("trino-1", Map.of("url", "jdbc:trino://localhost:8090"))
                        .build())
                .router("header", Map.of("headerName", "X-Target", "headerValueToGroup", Map.of("a", "duckdb-local", "b", "trino")))
                .router("protocolBased", Map.of("trinoHttp", "trino"))
                .routingFallback("duckdb-local")
                .build();

        assertThat(ConfigLoader.parse(EXAMPLE)).isEqualTo(built);
    }

    @Test
    void reportsEveryMistakeAtOnceWithItsPath()
    {
        String yaml = """
                queryflux:
                  frontends:
                    trinoHttp: { port: 8080 }
                clusterGroups:
                  duckdb-local:
                    engine: duckDb
                    maxRunningQueries: 0
                    clusters:
                      - { name: shared, databasePath: ":memory:" }
                  trino:
                    maxQueuedQueries: lots
                    clusters:
                      - { name: shared, url: "jdbc:trino://localhost:8090" }
                  broken:
                    engine: duckDb
                    clusters: 5
                cache: true
                routingFallback: nowhere
                """;

        QueryFluxException exception = catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse(yaml));

        assertThat(exception.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(problemsOf(exception)).containsExactlyInAnyOrder(
                "cache is not a known key",
                "clusterGroups.duckdb-local.maxRunningQueries must be > 0, not 0",
                "clusterGroups.trino.engine is required",
                "clusterGroups.trino.maxQueuedQueries must be an integer, not 'lots'",
                "clusterGroups.trino.clusters[0].name 'shared' is already used by clusterGroups.duckdb-local.clusters[0]; cluster names must be unique",
                "clusterGroups.broken.clusters must be a list, not '5'",
                "routingFallback 'nowhere' is not a cluster group (configured: duckdb-local, trino, broken)");
        assertThat(exception.getMessage()).startsWith("Invalid configuration (7 problems):");
    }

    @Test
    void rejectsUnknownKeysUnderQueryflux()
    {
        String yaml = """
                queryflux:
                  port: 8080
                  auth: { type: basic }
                clusterGroups:
                  g: { engine: duckDb, clusters: [ { name: c } ] }
                routingFallback: g
                """;

        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse(yaml))))
                .containsExactly("queryflux.port is not a known key", "queryflux.auth is not a known key");
    }

    @Test
    void reportsSyntaxErrorWithLineAndColumn()
    {
        String yaml = """
                clusterGroups:
                  g:
                    engine: duckDb: oops
                routingFallback: g
                """;

        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse(yaml))))
                .singleElement()
                .asString()
                .startsWith("YAML syntax error at line 3, column ");
    }

    @Test
    void reportsDuplicateYamlKeyWithItsLine()
    {
        String yaml = """
                clusterGroups:
                  g: { engine: duckDb, clusters: [ { name: c } ] }
                routingFallback: g
                routingFallback: h
                """;

        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse(yaml))))
                .singleElement()
                .asString()
                .contains("line 4")
                .contains("routingFallback");
    }

    @Test
    void reportsWhatAnEmptyConfigLacks()
    {
        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse(""))))
                .containsExactly("clusterGroups must contain at least one cluster group", "routingFallback is required");
    }

    @Test
    void rejectsADocumentThatIsNotAMap()
    {
        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse("- a\n- b\n"))))
                .containsExactly("The configuration must be a YAML map, not a list");
    }

    @Test
    void enablesTrinoHttpOnItsDefaultPortWhenNoFrontendIsConfigured()
    {
        QueryFluxConfig config = ConfigLoader.parse("""
                clusterGroups:
                  g: { engine: duckDb, clusters: [ { name: c } ] }
                routingFallback: g
                """);

        assertThat(config.frontends()).containsExactly(Map.entry("trinoHttp", new FrontendConfig("trinoHttp", true, 8080, Map.of())));
        assertThat(config.externalAddressValue()).isEmpty();
        assertThat(config.routers()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "5m, PT5M",
            "1h, PT1H",
            "1500, PT1.5S",
            "'1.5s', PT1.5S"})
    void readsDurations(String written, Duration expected)
    {
        QueryFluxConfig config = ConfigLoader.parse(groupWithTimeout(written));

        assertThat(config.clusterGroups().get("g").capacityWaitTimeout()).isEqualTo(expected);
    }

    @Test
    void rejectsAnUnreadableDuration()
    {
        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse(groupWithTimeout("soon")))))
                .containsExactly("clusterGroups.g.capacityWaitTimeout must be a duration such as 500ms, 30s, 5m or 1h, not 'soon'");
    }

    @Test
    void rejectsAZeroDuration()
    {
        assertThat(problemsOf(catchThrowableOfType(QueryFluxException.class, () -> ConfigLoader.parse(groupWithTimeout("0s")))))
                .containsExactly("clusterGroups.g.capacityWaitTimeout must be > 0, not PT0S");
    }

    @Test
    void loadsAFile(@TempDir Path directory)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("queryflux.yaml"), EXAMPLE);

        assertThat(ConfigLoader.load(file)).isEqualTo(ConfigLoader.parse(EXAMPLE));
    }

    @Test
    void reportsAMissingFile(@TempDir Path directory)
    {
        Path file = directory.resolve("missing.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("Config file " + file + " does not exist");
    }

    @Test
    void namesTheFileInASyntaxError(@TempDir Path directory)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("queryflux.yaml"), "routingFallback: [unclosed\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("YAML syntax error in " + file + " at line ");
    }

    private static String groupWithTimeout(String capacityWaitTimeout)
    {
        return """
                clusterGroups:
                  g: { engine: duckDb, capacityWaitTimeout: %s, clusters: [ { name: c } ] }
                routingFallback: g
                """.formatted(capacityWaitTimeout);
    }

    /** The problems listed by a config exception, one per line after the heading. */
    static List<String> problemsOf(QueryFluxException exception)
    {
        assertThat(exception).isNotNull();
        return exception.getMessage().lines()
                .skip(1)
                .map(line -> line.substring("  - ".length()))
                .toList();
    }
}
