package io.queryflux.core.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies bearer tokens with nimbus-jose-jwt: the signature (HS256 with the secret, or RS256/ES256
 * with a key of the JWK set, which is cached and fetched again after {@code jwksCacheTtl} or when a
 * token names an unknown key), then {@code exp} (required), {@code nbf}, {@code iss} and {@code aud}.
 * Unsigned and encrypted tokens are refused. Error messages never quote the token.
 */
final class JwtAuthProvider
        implements AuthProvider
{
    private static final Logger log = LoggerFactory.getLogger(JwtAuthProvider.class);
    private static final int HTTP_TIMEOUT_MILLIS = 2_000;
    private static final int MAX_JWKS_BYTES = 1 << 20;
    private static final long REFRESH_WAIT_MILLIS = 5_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String userClaim;
    private final String groupsClaim;

    JwtAuthProvider(JwtSettings settings)
    {
        this.userClaim = settings.userClaim();
        this.groupsClaim = settings.groupsClaim();
        processor.setJWSKeySelector(settings.secret() != null
                ? new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(settings.secret().getBytes(StandardCharsets.UTF_8)))
                : new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keySource(settings)));
        JWTClaimsSet exactMatch = settings.issuer() == null ? new JWTClaimsSet.Builder().build() : new JWTClaimsSet.Builder().issuer(settings.issuer()).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience() == null ? null : Set.of(settings.audience()),
                exactMatch,
                Set.of("exp", userClaim),
                Set.of());
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public Principal authenticate(Credentials credentials)
    {
        if (credentials.bearerToken() == null) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "A bearer token is required (e.g. trino-jdbc's accessToken)");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(credentials.bearerToken(), null);
        }
        catch (ParseException e) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Invalid bearer token: not a JWT");
        }
        catch (BadJOSEException e) {
            // nimbus' messages name the failed check and claim values ("Expired JWT"), never the token.
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Invalid bearer token: " + e.getMessage());
        }
        catch (RateLimitReachedException e) {
            // A token naming a key the set does not have, while fetching it again is rate limited.
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Invalid bearer token: unknown signing key");
        }
        catch (KeySourceException e) {
            log.warn("Cannot load the JWK set to verify a bearer token: {}", e.getMessage());
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Cannot verify bearer tokens now: the signing keys are unavailable");
        }
        catch (JOSEException e) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Invalid bearer token: signature cannot be verified");
        }
        return new Principal(user(claims), groups(claims));
    }

    @Override
    public List<String> challenges()
    {
        return List.of("Bearer realm=\"QueryFlux\"");
    }

    private String user(JWTClaimsSet claims)
    {
        Object user = claims.getClaim(userClaim);
        if (!(user instanceof String name) || name.isBlank()) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Invalid bearer token: claim " + userClaim + " must name the user");
        }
        return name;
    }

    private Set<String> groups(JWTClaimsSet claims)
    {
        if (groupsClaim == null) {
            return Set.of();
        }
        Object value = claims.getClaim(groupsClaim);
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof String group) {
            groups.add(group);
        }
        else if (value instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        }
        return groups;
    }

    private static JWKSource<SecurityContext> keySource(JwtSettings settings)
    {
        JWKSourceBuilder<SecurityContext> builder;
        try {
            builder = settings.jwksFile() != null
                    ? JWKSourceBuilder.create(settings.jwksFile().toUri().toURL(), new FileResourceRetriever(settings.jwksFile()))
                    : JWKSourceBuilder.create(settings.jwksUrl().toURL(), new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, MAX_JWKS_BYTES));
        }
        catch (MalformedURLException e) {
            throw new IllegalArgumentException("Invalid JWKS location", e);
        }
        long minRefresh = settings.jwksMinRefreshInterval().toMillis();
        // Refreshed by the request that finds the cache expired (no background threads); requests
        // arriving meanwhile wait for it at most REFRESH_WAIT_MILLIS, and an outage keeps the old keys.
        builder.cache(settings.jwksCacheTtl().toMillis(), REFRESH_WAIT_MILLIS)
                .refreshAheadCache(false)
                .retrying(true)
                .outageTolerant(true);
        if (minRefresh > 0) {
            builder.rateLimited(minRefresh);
        }
        else {
            builder.rateLimited(false);
        }
        return builder.build();
    }

    @Override
    public String toString()
    {
        return "JwtAuthProvider[userClaim=" + userClaim + ", groupsClaim=" + groupsClaim + "]";
    }
}
