package io.queryflux.jetty.auth;

import io.queryflux.jetty.TestingTrinoCli;
import io.queryflux.spi.AccessDecision;
import io.queryflux.spi.Authorizer;
import io.queryflux.spi.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.auth.TestingSecureServer.basic;
import static io.queryflux.jetty.auth.TestingUsers.ALICE_PASSWORD;
import static io.queryflux.jetty.auth.TestingUsers.BOB_PASSWORD;
import static io.queryflux.jetty.auth.TestingUsers.OLGA_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * A group's {@code authorization} rule and a host's {@link Authorizer} decide who may run queries in a
 * cluster group; a refused query gets a Trino-shaped 403 naming the rule, before any engine sees it.
 */
class GroupAuthorizationTest
{
    @TempDir
    static Path directory;
    private static TestingSecureServer server;

    @BeforeAll
    static void start()
    {
        Authorizer noOlgaAtNight = new Authorizer()
        {
            @Override
            public AccessDecision checkGroupAccess(Principal principal, String group)
            {
                return principal != null && principal.user().equals("olga") ? AccessDecision.deny("olga is on leave") : AccessDecision.allow();
            }
        };
        server = TestingSecureServer.builder(TestingUsers.staticAuth().build())
                .tls(TestingKeystore.create(directory))
                .group(TestingSecureServer.duckDbGroup("finance", Map.of("authorization", Map.of("allowUsers", List.of("alice"), "allowGroups", List.of("ops")))))
                .authorizer(noOlgaAtNight)
                .start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void anAllowedUserRunsQueries()
            throws SQLException
    {
        try (Connection connection = server.connect("alice", ALICE_PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 'ledger'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ledger");
        }
    }

    @Test
    void aUserOutsideTheRuleGets403NamingTheRule()
            throws Exception
    {
        HttpResponse<String> response = server.post("SELECT 1", "Authorization", basic("bob", BOB_PASSWORD), "X-Trino-User", "bob");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(TestingSecureServer.json(response).get("error")).asInstanceOf(MAP)
                .containsEntry("errorName", "PERMISSION_DENIED")
                .containsEntry("message", "Access Denied: may not use cluster group finance: user bob is not in allowUsers and in none of allowGroups (clusterGroups.finance.authorization)");
        assertThat(server.queryFlux().runningQueries("finance")).isZero();

        assertThatThrownBy(() -> {
            try (Connection connection = server.connect("bob", BOB_PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1");
            }
        })
                .isInstanceOf(SQLException.class)
                .hasMessageMatching("Error executing query: Error starting query at https://127\\.0\\.0\\.1:\\d+/v1/statement returned HTTP 403");
    }

    @Test
    void theHostsAuthorizerMustAlsoAllow()
            throws Exception
    {
        // olga is in ops, which the rule allows; the host's policy still says no.
        HttpResponse<String> response = server.post("SELECT 1", "Authorization", basic("olga", OLGA_PASSWORD));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(TestingSecureServer.json(response).get("error")).asInstanceOf(MAP)
                .extractingByKey("message").asString()
                .startsWith("Access Denied: may not use cluster group finance: olga is on leave (authorizer ");
    }

    @Test
    void theCliShowsARefusalOnOneLine()
    {
        TestingTrinoCli.Result result = TestingTrinoCli.run(List.of(
                        "--server=" + server.uri(),
                        "--insecure",
                        "--user=bob",
                        "--password",
                        "--no-progress",
                        "--disable-auto-suggestion",
                        "--execute=SELECT 1"),
                Map.of("TRINO_PASSWORD", BOB_PASSWORD),
                Duration.ofSeconds(90));

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr().strip()).matches("(\\e\\[[0-9;]*m)?Error starting query at https://127\\.0\\.0\\.1:\\d+/v1/statement returned HTTP 403(\\e\\[0m)?");
    }
}
