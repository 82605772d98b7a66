package io.queryflux.jetty.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.testing.TestingTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.queryflux.core.testing.TestingTokens.SECRET;
import static io.queryflux.core.testing.TestingTokens.claims;
import static io.queryflux.jetty.auth.TestingSecureServer.basic;
import static io.queryflux.jetty.auth.TestingUsers.ALICE_PASSWORD;
import static io.queryflux.jetty.auth.TestingUsers.BOB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs authenticated queries, failed logins, refused impersonations, foreign polls and bad tokens with
 * QueryFlux's loggers at DEBUG, and checks that no password, token, secret or {@code Authorization}
 * value shows up in the log output nor in any answer.
 */
class SecretsInLogsTest
{
    private static final String WRONG_PASSWORD = "Wrong-Guess-81e4c0";

    @TempDir
    Path directory;

    @Test
    void noSecretReachesTheLogsOrTheAnswers()
            throws Exception
    {
        TestingKeystore keystore = TestingKeystore.create(directory);
        String validToken = TestingTokens.hs256(claims("alice"), SECRET);
        String expiredToken = TestingTokens.hs256(TestingTokens.expired("alice"), SECRET);
        String forgedToken = TestingTokens.hs256(claims("alice"), "forged-secret-of-at-least-thirty-two-bytes");
        List<String> answers = new ArrayList<>();
        String log;
        try (TestingLogCapture capture = TestingLogCapture.start("io.queryflux")) {
            try (TestingSecureServer server = TestingSecureServer.builder(TestingUsers.staticAuth().build())
                    .tls(keystore)
                    .group(TestingSecureServer.testingGroup("test", Map.of("authorization", Map.of("allowUsers", List.of("alice", "olga")))))
                    .start()) {
                assertThat(query(server.connect("alice", ALICE_PASSWORD))).isEqualTo("row-0");
                assertRefused(() -> query(server.connect("alice", WRONG_PASSWORD)));
                HttpResponse<String> posted = server.post("block", "Authorization", basic("alice", ALICE_PASSWORD));
                answers.add(posted.body());
                String next = (String) TestingSecureServer.json(posted).get("nextUri");
                for (String method : List.of("GET", "HEAD", "DELETE")) {
                    answers.add(server.request(method, next, "Authorization", basic("bob", BOB_PASSWORD)).body());
                }
                answers.add(server.request("DELETE", next, "Authorization", basic("alice", ALICE_PASSWORD)).body());
                answers.add(server.post("rows 1", "Authorization", basic("bob", BOB_PASSWORD)).body());
                answers.add(server.post("rows 1", "Authorization", basic("alice", WRONG_PASSWORD)).body());
                answers.add(server.post("rows 1", "Authorization", basic("alice", ALICE_PASSWORD), "X-Trino-User", "bob").body());
                answers.add(server.post("rows 1", "Authorization", "Digest " + WRONG_PASSWORD).body());
                answers.add(server.post("rows 1", "Authorization", "Basic " + WRONG_PASSWORD).body());
            }
            try (TestingSecureServer server = TestingSecureServer.builder(AuthConfig.builder("jwt").property("secret", SECRET).build()).tls(keystore).start()) {
                try (Connection connection = server.connectWithToken("alice", validToken)) {
                    assertThat(query(connection)).isEqualTo("row-0");
                }
                for (String token : List.of(expiredToken, forgedToken, "not." + WRONG_PASSWORD + ".token")) {
                    assertRefused(() -> query(server.connectWithToken("alice", token)));
                    answers.add(server.post("rows 1", "Authorization", "Bearer " + token).body());
                }
            }
            log = capture.text();
        }

        // The capture saw the DEBUG routing trace and the refusals, so the checks below can fail.
        assertThat(log).contains("Routing for user alice", "deny (user bob is not in allowUsers");
        List<String> secrets = List.of(
                ALICE_PASSWORD,
                BOB_PASSWORD,
                WRONG_PASSWORD,
                base64("alice:" + ALICE_PASSWORD),
                base64("bob:" + BOB_PASSWORD),
                base64("alice:" + WRONG_PASSWORD),
                SECRET,
                keystore.password(),
                signature(validToken),
                signature(expiredToken),
                signature(forgedToken));
        for (String secret : secrets) {
            assertThat(log).as("log output").doesNotContain(secret);
            assertThat(answers).as("answers").noneMatch(answer -> answer.contains(secret));
        }
        assertThat(log).doesNotContainIgnoringCase("authorization: basic").doesNotContainIgnoringCase("authorization: bearer");
    }

    private static String query(Connection connection)
            throws SQLException
    {
        try (connection; Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("rows 1")) {
            rows.next();
            return rows.getString("label");
        }
    }

    private static void assertRefused(SqlCall call)
    {
        try {
            call.run();
            throw new AssertionError("expected a refusal");
        }
        catch (SQLException e) {
            assertThat(e.getMessage()).contains("returned HTTP 401");
        }
    }

    private static String base64(String text)
    {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // The signature is the part of a JWT that must never leak; header and claims are only base64 JSON.
    private static String signature(String token)
    {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    @FunctionalInterface
    private interface SqlCall
    {
        Object run()
                throws SQLException;
    }
}
