package io.queryflux.jetty.routing;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.jetty.TestingTrinoCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SET SESSION query_tags} through the real Trino CLI 476: in one CLI session, the statement
 * after it carries the tags and is routed by them, and the SET SESSION itself never reaches an engine.
 */
class SetSessionCliTest
{
    @TempDir
    static Path directory;

    private static TestingRoutingServer server;

    @BeforeAll
    static void start()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(group("fallback"))
                .clusterGroup(group("eng"))
                .router("tags", Map.of("rules", List.of(Map.of("tags", Map.of("team", "eng"), "targetGroup", "eng"))))
                .routingFallback("fallback")
                .build();
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
    void theNextStatementOfTheSessionCarriesTheTagsFromExecute()
    {
        int before = server.backend().received().size();

        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(),
                "SET SESSION query_tags = 'team:eng,env:prod'; SELECT 'where am I'", "--output-format=CSV");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).as(result.toString()).containsExactly("\"eng\",\"eng-1\",\"env=prod,team=eng\"");
        assertThat(result.stderr()).as(result.toString()).contains("SET SESSION");
        assertOnlySelectsReachedAnEngine(before, 1);
    }

    @Test
    void theTagsLastForTheRestOfAFile()
            throws Exception
    {
        Path script = directory.resolve("tagged.sql");
        Files.writeString(script, """
                SELECT 'before';
                SET SESSION query_tags = 'team:eng';
                SELECT 'after';
                SELECT 'still';
                """);
        int before = server.backend().received().size();

        TestingTrinoCli.Result result = TestingTrinoCli.run(List.of(
                "--server=" + server.uri(),
                "--user=test",
                "--no-progress",
                "--disable-auto-suggestion",
                "--output-format=CSV",
                "--file=" + script), Duration.ofSeconds(90));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).as(result.toString()).containsExactly(
                "\"fallback\",\"fallback-1\",\"\"",
                "\"eng\",\"eng-1\",\"team=eng\"",
                "\"eng\",\"eng-1\",\"team=eng\"");
        assertOnlySelectsReachedAnEngine(before, 3);
    }

    @Test
    void withoutTheSetSessionTheSameQueryGoesToTheFallback()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(), "SELECT 'where am I'", "--output-format=CSV");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).as(result.toString()).containsExactly("\"fallback\",\"fallback-1\",\"\"");
    }

    @Test
    void anInvalidTagFailsTheSetSessionAndTheCliStops()
    {
        int before = server.backend().received().size();

        TestingTrinoCli.Result result = TestingTrinoCli.execute(server.uri(),
                "SET SESSION query_tags = 'b@d:x'; SELECT 'never'", "--output-format=CSV");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).as(result.toString()).contains("Invalid query_tags").contains("b@d");
        assertThat(server.backend().received()).hasSize(before);
    }

    private static void assertOnlySelectsReachedAnEngine(int before, int selects)
    {
        List<TestingRoutingBackendFactory.Received> received = server.backend().received();
        assertThat(received).hasSize(before + selects);
        assertThat(received.subList(before, received.size()))
                .allSatisfy(query -> assertThat(query.sql().toUpperCase(Locale.ROOT)).startsWith("SELECT").doesNotContain("SET SESSION"));
    }

    private static ClusterGroupConfig group(String name)
    {
        return ClusterGroupConfig.builder(name, TestingRoutingBackendFactory.NAME)
                .maxRunningQueries(2)
                .cluster(name + "-1", Map.of())
                .build();
    }
}
