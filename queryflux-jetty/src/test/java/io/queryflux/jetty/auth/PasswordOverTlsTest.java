package io.queryflux.jetty.auth;

import io.queryflux.jetty.TestingTrinoCli;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The {@code static} provider behind HTTPS, with the real Trino CLI ({@code --password}, reading
 * {@code TRINO_PASSWORD}) and trino-jdbc ({@code SSL=true}), which refuse to send passwords over HTTP.
 */
class PasswordOverTlsTest
{
    @TempDir
    static Path directory;
    private static TestingSecureServer server;

    @BeforeAll
    static void start()
    {
        server = TestingSecureServer.builder(TestingUsers.staticAuth().build())
                .tls(TestingKeystore.create(directory))
                .group(TestingSecureServer.duckDbGroup("duckdb", Map.of()))
                .start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void servesHttps()
    {
        assertThat(server.uri().getScheme()).isEqualTo("https");
    }

    @Test
    void cliRunsAQueryWithTheRightPassword()
    {
        TestingTrinoCli.Result result = cli("alice", ALICE_PASSWORD, "SELECT 42, current_date IS NOT NULL");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.lines()).containsExactly("\"42\",\"true\"");
    }

    @Test
    void cliReportsAWrongPasswordCleanly()
    {
        TestingTrinoCli.Result result = cli("alice", "wrong-Password-0000", "SELECT 42");

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stdout()).isEmpty();
        // trino-client shows no body for a non-200 Trino document, only the status: one clean line.
        assertThat(result.stderr().strip()).matches("(\\e\\[[0-9;]*m)?Error starting query at https://127\\.0\\.0\\.1:\\d+/v1/statement returned HTTP 401(\\e\\[0m)?");
    }

    @Test
    void jdbcRunsAQueryWithTheRightPassword()
            throws SQLException
    {
        try (Connection connection = server.connect("alice", ALICE_PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 42")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void jdbcReportsAWrongPassword()
    {
        assertThatThrownBy(() -> {
            try (Connection connection = server.connect("alice", "wrong-Password-0000");
                    Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 42");
            }
        })
                .isInstanceOf(SQLException.class)
                .hasMessageMatching("Error executing query: Error starting query at https://127\\.0\\.0\\.1:\\d+/v1/statement returned HTTP 401");
    }

    @Test
    void unauthenticatedRequestsGet401WithChallengeAndTrinoJson()
            throws Exception
    {
        for (HttpResponse<String> response : List.of(
                server.post("SELECT 1"),
                server.post("SELECT 1", "X-Trino-User", "alice"),
                server.post("SELECT 1", "Authorization", basic("alice", "nope"), "X-Trino-User", "alice"))) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"QueryFlux\"");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            Map<String, Object> json = TestingSecureServer.json(response);
            assertThat(json).containsKeys("id", "stats").doesNotContainKey("nextUri");
            assertThat(json.get("error")).asInstanceOf(MAP)
                    .containsEntry("errorName", "AUTHENTICATION_FAILED")
                    .containsEntry("errorType", "USER_ERROR");
        }
    }

    @Test
    void anotherSessionUserIsForbidden()
            throws Exception
    {
        HttpResponse<String> response = server.post("SELECT 1", "Authorization", basic("alice", ALICE_PASSWORD), "X-Trino-User", "bob");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(TestingSecureServer.json(response).get("error")).asInstanceOf(MAP)
                .containsEntry("errorName", "PERMISSION_DENIED")
                .containsEntry("message", "Access Denied: Principal alice may not act as user bob (no auth.impersonation rule allows it)");
    }

    private static TestingTrinoCli.Result cli(String user, String password, String sql)
    {
        return TestingTrinoCli.run(List.of(
                        "--server=" + server.uri(),
                        "--insecure",
                        "--user=" + user,
                        "--password",
                        "--no-progress",
                        "--disable-auto-suggestion",
                        "--client-request-timeout=30s",
                        "--output-format=CSV",
                        "--execute=" + sql),
                Map.of("TRINO_PASSWORD", password),
                Duration.ofSeconds(90));
    }
}
