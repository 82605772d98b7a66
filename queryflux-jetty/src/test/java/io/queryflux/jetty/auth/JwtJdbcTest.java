package io.queryflux.jetty.auth;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.testing.TestingTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static io.queryflux.core.testing.TestingTokens.AUDIENCE;
import static io.queryflux.core.testing.TestingTokens.ISSUER;
import static io.queryflux.core.testing.TestingTokens.SECRET;
import static io.queryflux.core.testing.TestingTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code jwt} provider with trino-jdbc's {@code accessToken} over HTTPS: HS256 with a secret and
 * RS256 with keys from a JWKS URL; valid, expired, wrongly addressed and forged tokens.
 */
class JwtJdbcTest
{
    @TempDir
    static Path directory;
    private static TestingKeystore keystore;
    private static RSAKey signingKey;
    private static HttpServer jwksServer;
    private static TestingSecureServer hs256;
    private static TestingSecureServer rs256;

    @BeforeAll
    static void start()
            throws IOException
    {
        keystore = TestingKeystore.create(directory);
        signingKey = TestingTokens.rsaKey("rsa-1");
        byte[] jwks = TestingTokens.jwks(signingKey).getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksServer.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        jwksServer.start();
        hs256 = start(AuthConfig.builder("jwt").property("secret", SECRET).property("issuer", ISSUER).property("audience", AUDIENCE).property("groupsClaim", "groups").build());
        rs256 = start(AuthConfig.builder("jwt")
                .property("jwksUrl", "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json")
                .property("issuer", ISSUER)
                .property("audience", AUDIENCE)
                .build());
    }

    @AfterAll
    static void stop()
    {
        hs256.close();
        rs256.close();
        jwksServer.stop(0);
    }

    @Test
    void hs256TokensAuthenticateJdbc()
            throws SQLException
    {
        assertThat(runAs(hs256, "alice", TestingTokens.hs256(claims("alice"), SECRET))).isEqualTo("row-0");
        assertRefused(hs256, TestingTokens.hs256(TestingTokens.expired("alice"), SECRET));
        assertRefused(hs256, TestingTokens.hs256(claims("alice").audience("another-service"), SECRET));
        assertRefused(hs256, TestingTokens.hs256(claims("alice"), "a-different-secret-of-at-least-32-bytes"));
    }

    @Test
    void rs256TokensAuthenticateJdbc()
            throws SQLException
    {
        assertThat(runAs(rs256, "alice", TestingTokens.sign(claims("alice"), signingKey))).isEqualTo("row-0");
        assertRefused(rs256, TestingTokens.sign(TestingTokens.expired("alice"), signingKey));
        assertRefused(rs256, TestingTokens.sign(claims("alice").audience("another-service"), signingKey));
        // Same key id, another key pair.
        assertRefused(rs256, TestingTokens.sign(claims("alice"), TestingTokens.rsaKey("rsa-1")));
    }

    @Test
    void aTokenForOneUserCannotActAsAnother()
    {
        assertThatThrownBy(() -> runAs(hs256, "bob", TestingTokens.hs256(claims("alice"), SECRET)))
                .isInstanceOf(SQLException.class)
                .hasMessageMatching("Error executing query: Error starting query at https://127\\.0\\.0\\.1:\\d+/v1/statement returned HTTP 403");
    }

    @Test
    void refusalsCarryABearerChallengeAndAJsonReason()
            throws Exception
    {
        String expired = TestingTokens.hs256(TestingTokens.expired("alice"), SECRET);
        HttpResponse<String> response = hs256.post("rows 1", "Authorization", "Bearer " + expired, "X-Trino-User", "alice");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"QueryFlux\"");
        assertThat(response.body()).contains("\"errorName\":\"AUTHENTICATION_FAILED\"", "Invalid bearer token: Expired JWT").doesNotContain(expired);
    }

    private static TestingSecureServer start(AuthConfig auth)
    {
        return TestingSecureServer.builder(auth).tls(keystore).start();
    }

    private static String runAs(TestingSecureServer server, String user, String token)
            throws SQLException
    {
        try (Connection connection = server.connectWithToken(user, token);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("rows 1")) {
            assertThat(rows.next()).isTrue();
            return rows.getString("label");
        }
    }

    private static void assertRefused(TestingSecureServer server, String token)
    {
        assertThatThrownBy(() -> runAs(server, "alice", token))
                .isInstanceOf(SQLException.class)
                .hasMessageMatching("Error executing query: Error starting query at https://127\\.0\\.0\\.1:\\d+/v1/statement returned HTTP 401")
                .hasMessageNotContaining(token);
    }
}
