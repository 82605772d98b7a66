package io.queryflux.core.internal.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.sun.net.httpserver.HttpServer;
import io.queryflux.core.testing.TestingTokens;
import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.queryflux.core.testing.TestingTokens.AUDIENCE;
import static io.queryflux.core.testing.TestingTokens.ISSUER;
import static io.queryflux.core.testing.TestingTokens.SECRET;
import static io.queryflux.core.testing.TestingTokens.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtAuthProviderTest
{
    @TempDir
    Path directory;

    @Test
    void hs256AcceptsAValidTokenWithItsUserAndGroups()
    {
        AuthProvider provider = hs256Provider();

        String token = TestingTokens.hs256(claims("alice").claim("groups", List.of("analysts", "ops")), SECRET);
        assertThat(provider.authenticate(Credentials.bearer(token))).isEqualTo(new Principal("alice", Set.of("analysts", "ops")));
        assertThat(provider.challenges()).containsExactly("Bearer realm=\"QueryFlux\"");
    }

    @Test
    void hs256RefusesExpiredEarlyMisaddressedAndForgedTokens()
    {
        AuthProvider provider = hs256Provider();

        assertRefused(provider, TestingTokens.hs256(TestingTokens.expired("alice"), SECRET), "Invalid bearer token: Expired JWT");
        assertRefused(provider, TestingTokens.hs256(claims("alice").notBeforeTime(Date.from(Instant.now().plusSeconds(600))), SECRET), "Invalid bearer token: JWT before use time");
        assertRefused(provider, TestingTokens.hs256(claims("alice").audience("someone-else"), SECRET), "Invalid bearer token: JWT aud claim rejected");
        assertRefused(provider, TestingTokens.hs256(claims("alice").issuer("https://evil.test"), SECRET), "Invalid bearer token: JWT iss claim value rejected");
        assertRefused(provider, TestingTokens.hs256(claims("alice"), "another-secret-that-is-32-bytes-or-more"), "Invalid bearer token: Signed JWT rejected: Invalid signature");
        assertRefused(provider, TestingTokens.hs256(claims("alice").expirationTime(null), SECRET), "Invalid bearer token: JWT missing required claims: [exp]");
        assertRefused(provider, new PlainJWT(claims("alice").build()).serialize(), "Invalid bearer token");
        assertRefused(provider, "not-a-token", "Invalid bearer token: not a JWT");
        assertRefused(provider, Credentials.basic("alice", "secret"), "A bearer token is required");
    }

    @Test
    void rs256AndEs256VerifyWithKeysFromAJwksFile()
            throws IOException
    {
        RSAKey rsa = TestingTokens.rsaKey("rsa-1");
        ECKey ec = TestingTokens.ecKey("ec-1");
        AuthProvider provider = jwksFileProvider(TestingTokens.jwks(rsa, ec), Map.of());

        assertThat(provider.authenticate(Credentials.bearer(TestingTokens.sign(claims("alice"), rsa)))).isEqualTo(Principal.of("alice"));
        assertThat(provider.authenticate(Credentials.bearer(TestingTokens.sign(claims("bob"), ec)))).isEqualTo(Principal.of("bob"));

        assertRefused(provider, TestingTokens.sign(TestingTokens.expired("alice"), rsa), "Invalid bearer token: Expired JWT");
        assertRefused(provider, TestingTokens.sign(claims("alice").audience("other"), rsa), "Invalid bearer token: JWT aud claim rejected");
        // Same key id, another key: the signature does not verify.
        assertRefused(provider, TestingTokens.sign(claims("alice"), TestingTokens.rsaKey("rsa-1")), "Invalid bearer token: Signed JWT rejected: Invalid signature");
        // An HS256 token keyed with public material must not pass where only RS256/ES256 are expected.
        assertRefused(provider, TestingTokens.hs256(claims("alice"), rsa.toPublicJWK().toJSONString()), "Invalid bearer token: Signed JWT rejected: Another algorithm expected");
    }

    @Test
    void picksUpRotatedKeysFromTheJwksFile()
            throws IOException
    {
        RSAKey first = TestingTokens.rsaKey("k1");
        Path file = directory.resolve("jwks.json");
        Files.writeString(file, TestingTokens.jwks(first));
        AuthProvider provider = TestingAuth.create(new JwtAuthProviderFactory(), Map.of("jwksFile", file.toString(), "jwksMinRefreshInterval", "0s")).provider();
        assertThat(provider.authenticate(Credentials.bearer(TestingTokens.sign(claims("alice"), first)))).isEqualTo(Principal.of("alice"));

        RSAKey second = TestingTokens.rsaKey("k2");
        Files.writeString(file, TestingTokens.jwks(second));

        // A token naming the unknown key makes the source read the file again.
        assertThat(provider.authenticate(Credentials.bearer(TestingTokens.sign(claims("bob"), second)))).isEqualTo(Principal.of("bob"));
    }

    @Test
    void fetchesAJwksUrlOnceAndAgainForAnUnknownKeyWithinTheRateLimit()
            throws IOException
    {
        RSAKey first = TestingTokens.rsaKey("k1");
        AtomicReference<String> served = new AtomicReference<>(TestingTokens.jwks(first));
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            AuthProvider provider = TestingAuth.create(new JwtAuthProviderFactory(), Map.of("jwksUrl", url, "jwksMinRefreshInterval", "0s", "audience", AUDIENCE)).provider();
            for (int i = 0; i < 5; i++) {
                assertThat(provider.authenticate(Credentials.bearer(TestingTokens.sign(claims("alice"), first)))).isEqualTo(Principal.of("alice"));
            }
            assertThat(fetches).hasValue(1);

            RSAKey second = TestingTokens.rsaKey("k2");
            served.set(TestingTokens.jwks(first, second));
            assertThat(provider.authenticate(Credentials.bearer(TestingTokens.sign(claims("bob"), second)))).isEqualTo(Principal.of("bob"));
            assertThat(fetches).hasValue(2);

            // Rate limited: tokens naming made-up keys cannot make QueryFlux hammer the key server.
            AuthProvider limited = TestingAuth.create(new JwtAuthProviderFactory(), Map.of("jwksUrl", url, "jwksMinRefreshInterval", "1m")).provider();
            limited.authenticate(Credentials.bearer(TestingTokens.sign(claims("alice"), first)));
            int before = fetches.get();
            for (int i = 0; i < 5; i++) {
                assertRefused(limited, TestingTokens.sign(claims("eve"), TestingTokens.rsaKey("made-up-" + i)), "Invalid bearer token");
            }
            assertThat(fetches.get() - before).isLessThanOrEqualTo(1);
        }
        finally {
            server.stop(0);
        }
    }

    @Test
    void readsTheUserAndGroupsFromConfiguredClaims()
    {
        AuthProvider provider = TestingAuth.create(new JwtAuthProviderFactory(), Map.of("secret", SECRET, "userClaim", "preferred_username", "groupsClaim", "roles")).provider();

        String token = TestingTokens.hs256(claims("ignored-subject").claim("preferred_username", "carol").claim("roles", "admins"), SECRET);
        assertThat(provider.authenticate(Credentials.bearer(token))).isEqualTo(new Principal("carol", Set.of("admins")));
        assertRefused(provider, TestingTokens.hs256(claims("alice"), SECRET), "Invalid bearer token: JWT missing required claims: [preferred_username]");
    }

    @Test
    void reportsConfigProblemsWithoutTheSecret()
    {
        assertThat(TestingAuth.create(new JwtAuthProviderFactory(), Map.of()).problems())
                .containsExactly("auth needs exactly one of secret (HS256), jwksFile or jwksUrl (RS256, ES256)");
        assertThat(TestingAuth.create(new JwtAuthProviderFactory(), Map.of("secret", "short-secret-value")).problems())
                .containsExactly("auth.secret must be at least 32 bytes for HS256");
        assertThat(TestingAuth.create(new JwtAuthProviderFactory(), Map.of("secret", SECRET, "jwksUrl", "https://idp.test/jwks")).problems())
                .containsExactly("auth needs exactly one of secret (HS256), jwksFile or jwksUrl (RS256, ES256)");
        assertThat(TestingAuth.create(new JwtAuthProviderFactory(), Map.of("jwksUrl", "ftp://idp.test/jwks")).problems())
                .containsExactly("auth.jwksUrl must be an absolute http or https URL");
        assertThat(TestingAuth.create(new JwtAuthProviderFactory(), Map.of("jwksFile", directory.resolve("missing.json").toString())).problems())
                .containsExactly("auth.jwksFile cannot be read: " + directory.resolve("missing.json") + " (FileNotFoundException)");
        Map<String, Object> unknown = new LinkedHashMap<>(Map.of("secret", SECRET, "audiences", "x"));
        assertThat(TestingAuth.create(new JwtAuthProviderFactory(), unknown).problems())
                .containsExactly("auth.audiences is not a known key");
    }

    private AuthProvider hs256Provider()
    {
        TestingAuth.Built built = TestingAuth.create(new JwtAuthProviderFactory(), Map.of("secret", SECRET, "issuer", ISSUER, "audience", AUDIENCE, "groupsClaim", "groups"));
        assertThat(built.problems()).isEmpty();
        return built.provider();
    }

    private AuthProvider jwksFileProvider(String jwks, Map<String, Object> extra)
            throws IOException
    {
        Path file = directory.resolve("jwks.json");
        Files.writeString(file, jwks);
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("jwksFile", file.toString(), "issuer", ISSUER, "audience", AUDIENCE));
        properties.putAll(extra);
        TestingAuth.Built built = TestingAuth.create(new JwtAuthProviderFactory(), properties);
        assertThat(built.problems()).isEmpty();
        return built.provider();
    }

    private static void assertRefused(AuthProvider provider, String token, String message)
    {
        assertRefused(provider, Credentials.bearer(token), message);
    }

    private static void assertRefused(AuthProvider provider, Credentials credentials, String message)
    {
        assertThatThrownBy(() -> provider.authenticate(credentials))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                .hasMessageStartingWith(message)
                .satisfies(e -> {
                    if (credentials.bearerToken() != null) {
                        assertThat(e.getMessage()).doesNotContain(credentials.bearerToken());
                    }
                });
    }
}
