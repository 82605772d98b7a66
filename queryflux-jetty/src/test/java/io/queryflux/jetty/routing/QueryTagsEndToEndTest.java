package io.queryflux.jetty.routing;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.spi.ErrorCode;
import io.trino.jdbc.TrinoConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.queryflux.jetty.routing.TestingQueries.landed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Query tags from each source a Trino client has: {@code X-Trino-Client-Tags} (trino-jdbc's
 * {@code clientTags}), the {@code query_tags} entry of {@code X-Trino-Session} (trino-jdbc's
 * {@code sessionProperties}, or raw HTTP) and {@code SET SESSION query_tags}. The session's tags win
 * over the client tags and over a group's {@code defaultTags}; a dropped entry becomes a warning.
 * The engine answers each query with the group it ran in and the tags it got.
 */
class QueryTagsEndToEndTest
{
    private static TestingRoutingServer server;

    @BeforeAll
    static void start()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of()))
                .clusterGroup(group("fallback").build())
                .clusterGroup(group("eng")
                        .property("defaultTags", Map.of("team", "platform", "tier", "gold"))
                        .build())
                .clusterGroup(group("ops").build())
                .router("userGroup", Map.of("userToGroup", Map.of("dana", "eng")))
                .router("tags", Map.of("rules", List.of(
                        Map.of("tags", Map.of("team", "eng"), "targetGroup", "eng"),
                        Map.of("tags", Map.of("team", "ops"), "targetGroup", "ops"))))
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
    void clientTagsOfTrinoJdbc()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of("clientTags", "team:ops,env:prod,adhoc"))) {
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("ops");
            assertThat(landed.tags()).isEqualTo("adhoc,env=prod,team=ops");
            assertThat(landed.warnings()).isEmpty();
        }
    }

    @Test
    void sessionPropertyQueryTagsOfTrinoJdbc()
            throws Exception
    {
        // trino-jdbc sends each session property as X-Trino-Session: name=url-encoded value.
        try (Connection connection = server.connect("carol", Map.of("sessionProperties", "query_tags:team:ops,env:prod"))) {
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("ops");
            assertThat(landed.tags()).isEqualTo("env=prod,team=ops");
        }
        try (Connection connection = server.connect("carol", Map.of())) {
            connection.unwrap(TrinoConnection.class).setSessionProperty("query_tags", "{\"team\":\"ops\",\"note\":\"a, b\"}");
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("ops");
            assertThat(landed.tags()).isEqualTo("note=a, b,team=ops");
        }
    }

    @Test
    void theSessionsTagsWinOverTheClientTags()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of("clientTags", "team:eng,env:prod", "sessionProperties", "query_tags:team:ops"))) {
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("ops");
            assertThat(landed.tags()).isEqualTo("env=prod,team=ops");
        }
    }

    @Test
    void setSessionQueryTagsThroughTrinoJdbc()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of());
                Statement statement = connection.createStatement()) {
            assertThat(landed(connection, "SELECT 1").group()).isEqualTo("fallback");
            int before = server.backend().received().size();

            statement.execute("SET SESSION query_tags = 'team:ops,owner:O''Brien'");

            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("ops");
            assertThat(landed.tags()).isEqualTo("owner=O'Brien,team=ops");
            // The SET SESSION itself never reached an engine: only the SELECT did.
            assertThat(server.backend().received()).hasSize(before + 1);
            assertThat(server.backend().received()).noneMatch(received -> received.sql().toUpperCase(Locale.ROOT).contains("SET SESSION"));
        }
    }

    @Test
    void resetSessionQueryTagsClearsThemWithoutAnEngine()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of());
                Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION query_tags = 'team:ops'");
            assertThat(landed(connection, "SELECT 1").group()).isEqualTo("ops");
            int before = server.backend().received().size();

            statement.execute("RESET SESSION query_tags");

            assertThat(server.backend().received()).hasSize(before);
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("fallback");
            assertThat(landed.tags()).isEmpty();
        }
    }

    @Test
    void setSessionWithAnInvalidTagFailsAndKeepsTheSession()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of("sessionProperties", "query_tags:team:ops"));
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SET SESSION query_tags = 'team:eng,b@d:x'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.INVALID_SESSION_PROPERTY.code()))
                    .hasMessageContaining("b@d");
            assertThat(landed(connection, "SELECT 1").tags()).isEqualTo("team=ops");
        }
    }

    @Test
    void aDroppedTagBecomesAWarningForTrinoJdbc()
            throws Exception
    {
        try (Connection connection = server.connect("carol", Map.of("clientTags", "team:ops,b@d:x"))) {
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            // The valid tag still routes; the invalid one is gone, and the client is told.
            assertThat(landed.group()).isEqualTo("ops");
            assertThat(landed.tags()).isEqualTo("team=ops");
            assertThat(landed.warnings()).containsExactly("query tag 'b@d' dropped: a key may only hold letters, digits, '_' and '-'");
        }
    }

    @Test
    void rawHttpTagsFromBothHeadersAndTheirWarnings()
            throws Exception
    {
        String sessionTags = URLEncoder.encode("team:ops,region:eu", StandardCharsets.UTF_8);
        HttpResponse<String> response = server.post("SELECT 1", Map.of(
                "X-Trino-Client-Tags", "team:eng,x:1," + "k".repeat(129),
                "X-Trino-Session", "other_property=true,query_tags=" + sessionTags));
        TestingQueries.RawResult result = TestingQueries.drain(server, response);

        assertThat(result.state()).isEqualTo("FINISHED");
        assertThat(result.rows()).containsExactly(List.of("ops", "ops-1", "region=eu,team=ops,x=1"));
        assertThat(result.warnings()).isNotEmpty().allSatisfy(warning -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> code = (Map<String, Object>) warning.get("warningCode");
            assertThat(code).containsKeys("code", "name");
            assertThat((String) warning.get("message")).isEqualTo("query tag '" + "k".repeat(40) + "...' dropped: its key is longer than 128 characters");
        });
    }

    @Test
    void aMalformedSessionHeaderIsTheClientsErrorNotAnInternalOne()
            throws Exception
    {
        // "%zz" is no URL escape: Trino answers such a header with 400; it must not be a 500.
        HttpResponse<String> response = server.post("SELECT 1", Map.of("X-Trino-Session", "query_tags=team%zzops"));

        assertThat(response.statusCode()).as(response.body()).isNotEqualTo(500);
        assertThat(response.body()).doesNotContain("INTERNAL_ERROR");
    }

    @Test
    void groupDefaultTagsAreMergedWithTheSessionsWinning()
            throws Exception
    {
        // dana's queries go to eng, whose defaultTags are team=platform, tier=gold.
        try (Connection connection = server.connect("dana", Map.of())) {
            assertThat(landed(connection, "SELECT 1").tags()).isEqualTo("team=platform,tier=gold");
        }
        try (Connection connection = server.connect("dana", Map.of("clientTags", "team:data,env:dev"))) {
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("eng");
            assertThat(landed.tags()).isEqualTo("env=dev,team=data,tier=gold");
        }
        // A key-only session tag replaces the default's value too.
        try (Connection connection = server.connect("dana", Map.of("sessionProperties", "query_tags:tier"))) {
            assertThat(landed(connection, "SELECT 1").tags()).isEqualTo("team=platform,tier");
        }
        // Default tags come after routing: they do not route (team=platform is not a rule), and other groups do not get them.
        try (Connection connection = server.connect("carol", Map.of())) {
            TestingQueries.Landed landed = landed(connection, "SELECT 1");
            assertThat(landed.group()).isEqualTo("fallback");
            assertThat(landed.tags()).isEmpty();
        }
    }

    private static ClusterGroupConfig.Builder group(String name)
    {
        return ClusterGroupConfig.builder(name, TestingRoutingBackendFactory.NAME)
                .maxRunningQueries(4)
                .cluster(name + "-1", Map.of());
    }
}
