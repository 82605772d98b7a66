package io.queryflux.jetty.routing;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.testing.TestingJson;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.routing.TestingQueries.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every built-in router type, end to end: a YAML config with six DuckDB groups, each of which has a
 * table {@code whoami} naming the group (from its {@code initSql}), and a chain of all the router
 * types. Queries from trino-jdbc land in the group their headers, user, SQL and tags call for.
 */
class RouterEndToEndTest
{
    private static final String WHOAMI = "SELECT grp FROM whoami";
    private static final String DENY_MESSAGE = "DROP is not allowed through QueryFlux";

    @TempDir
    static Path directory;

    private static TestingRoutingServer server;

    @BeforeAll
    static void start()
            throws Exception
    {
        StringBuilder yaml = new StringBuilder("""
                queryflux:
                  frontends:
                    trinoHttp: { enabled: true, port: 0 }
                clusterGroups:
                """);
        for (String group : new String[] {"fallback", "analytics", "batch", "etl", "tagged", "pipelines", "trino-clients"}) {
            yaml.append("""
                      %1$s:
                        engine: duckDb
                        maxRunningQueries: 2
                        clusters:
                          - name: %1$s-1
                            databasePath: ":memory:"
                            initSql:
                              - CREATE TABLE whoami AS SELECT '%1$s' AS grp
                    """.formatted(group));
        }
        yaml.append("""
                routers:
                  - type: queryRegex
                    rules:
                      - regex: "(?i)^\\\\s*drop\\\\b"
                        action: deny
                        error: %s
                      - regex: "/\\\\*\\\\s*heavy\\\\s*\\\\*/"
                        targetGroup: batch
                  - type: header
                    headerName: x-trino-source
                    headerValueToGroup:
                      airflow: etl
                  - type: userGroup
                    userToGroup:
                      alice: analytics
                  - type: tags
                    rules:
                      - tags: { team: eng, env: prod }
                        targetGroup: tagged
                  - type: compound
                    combine: all
                    targetGroup: pipelines
                    conditions:
                      - user: bob
                      - clientTag: { key: pipeline }
                  - type: protocolBased
                    trinoHttp: trino-clients
                routingFallback: fallback
                """.formatted(DENY_MESSAGE));
        Path config = directory.resolve("routing.yaml");
        Files.writeString(config, yaml);
        server = TestingRoutingServer.start(config);
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void headerRouterSendsTheClientsSourceToItsGroup()
            throws Exception
    {
        // trino-jdbc sends its "source" property as X-Trino-Source; the router names it in lower case.
        try (Connection connection = server.connect("carol", Map.of("source", "airflow"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("etl");
        }
        // Another value, or none: the router has no opinion.
        try (Connection connection = server.connect("carol", Map.of("source", "superset"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("trino-clients");
        }
    }

    @Test
    void userGroupRouterSendsTheUserToItsGroup()
            throws Exception
    {
        try (Connection connection = server.connect("alice", Map.of())) {
            assertThat(single(connection, WHOAMI)).isEqualTo("analytics");
        }
        // User names match exactly, case included.
        try (Connection connection = server.connect("Alice", Map.of())) {
            assertThat(single(connection, WHOAMI)).isEqualTo("trino-clients");
        }
    }

    @Test
    void queryRegexRouterRoutesByTheSqlText()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of())) {
            assertThat(single(connection, "SELECT grp /* heavy */ FROM whoami")).isEqualTo("batch");
            assertThat(single(connection, "SELECT grp /* light */ FROM whoami")).isEqualTo("trino-clients");
        }
    }

    @Test
    void queryRegexDenyFailsTheQueryWithTheRulesMessage()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of());
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("  drop TABLE whoami"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED.code()))
                    .hasMessageContaining(DENY_MESSAGE)
                    .hasMessageContaining("routers[0] queryRegex");
            // Denied before any engine saw it: the table the DROP named is still there.
            assertThat(single(connection, WHOAMI)).isEqualTo("trino-clients");
        }

        // The same for a raw client: a FAILED query document whose error is PERMISSION_DENIED.
        HttpResponse<String> response = server.post("DROP TABLE whoami", Map.of("X-Trino-User", "carol"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> error = TestingQueries.drain(server, response).error();
        assertThat(error)
                .containsEntry("errorName", "PERMISSION_DENIED")
                .containsEntry("errorType", "USER_ERROR")
                .containsEntry("errorCode", (long) ErrorCode.PERMISSION_DENIED.code());
        assertThat((String) error.get("message")).contains(DENY_MESSAGE);
    }

    @Test
    void tagsRouterNeedsEveryTagOfTheRule()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of("clientTags", "team:eng,env:prod,extra"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("tagged");
        }
        try (Connection connection = server.connect("carol", Map.of("clientTags", "team:eng,env:staging"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("trino-clients");
        }
    }

    @Test
    void compoundRouterNeedsAllItsConditions()
            throws Exception
    {
        try (Connection connection = server.connect("bob", Map.of("clientTags", "pipeline:nightly"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("pipelines");
        }
        try (Connection connection = server.connect("bob", Map.of())) {
            assertThat(single(connection, WHOAMI)).isEqualTo("trino-clients");
        }
        try (Connection connection = server.connect("carol", Map.of("clientTags", "pipeline"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("trino-clients");
        }
    }

    @Test
    void protocolBasedRouterTakesWhatNoEarlierRouterDecided()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of())) {
            assertThat(single(connection, WHOAMI)).isEqualTo("trino-clients");
        }
    }

    @Test
    void theFirstRouterWithAnOpinionDecides()
            throws Exception
    {
        // alice is an analytics user, but the header router comes first ...
        try (Connection connection = server.connect("alice", Map.of("source", "airflow"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("etl");
            // ... and the regex router before it.
            assertThat(single(connection, "SELECT grp FROM whoami /* heavy */")).isEqualTo("batch");
            assertThatThrownBy(() -> single(connection, "DROP TABLE whoami")).hasMessageContaining(DENY_MESSAGE);
        }
        // bob's pipeline tags with the eng/prod tags: the tags router is earlier than compound.
        try (Connection connection = server.connect("bob", Map.of("clientTags", "pipeline,team:eng,env:prod"))) {
            assertThat(single(connection, WHOAMI)).isEqualTo("tagged");
        }
    }

    @Test
    void aRouterNamingAnUnknownGroupFailsAtStartup()
            throws Exception
    {
        Path config = directory.resolve("unknown-group.yaml");
        Files.writeString(config, """
                queryflux:
                  frontends:
                    trinoHttp: { enabled: true, port: 0 }
                clusterGroups:
                  only:
                    engine: duckDb
                    clusters:
                      - { name: only-1, databasePath: ":memory:" }
                routers:
                  - type: userGroup
                    userToGroup: { alice: analytic }
                  - type: queryRegex
                    rules:
                      - { regex: "(unclosed", targetGroup: only }
                routingFallback: only
                """);

        assertThatThrownBy(() -> QueryFlux.builder().configFile(config).build())
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("routers[0].userToGroup.alice must be one of the cluster groups [only], not 'analytic'")
                .hasMessageContaining("routers[1].rules[0].regex is not a valid regular expression");
    }

    @Test
    void rawHttpHeadersRouteLikeTheDriversOnes()
            throws Exception
    {
        HttpResponse<String> response = server.post(WHOAMI, Map.of("X-Trino-User", "carol", "X-Trino-Source", "airflow"));
        TestingQueries.RawResult result = TestingQueries.drain(server, response);
        assertThat(result.state()).as(TestingJson.object(response.body()).toString()).isEqualTo("FINISHED");
        assertThat(result.rows()).containsExactly(List.of("etl"));
    }
}
