package io.queryflux.core.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signed JWTs for the {@code jwt} auth provider's tests, made with nimbus-jose-jwt: HS256 with a
 * secret, RS256 and ES256 with generated keys, and their public JWK sets.
 */
public final class TestingTokens
{
    public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";
    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "queryflux";

    private TestingTokens() {}

    public static RSAKey rsaKey(String keyId)
    {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ecKey(String keyId)
    {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims for {@code user} from {@link #ISSUER} to {@link #AUDIENCE}, valid for five minutes. */
    public static JWTClaimsSet.Builder claims(String user)
    {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** Claims that expired ten minutes ago, beyond any clock skew. */
    public static JWTClaimsSet.Builder expired(String user)
    {
        Instant now = Instant.now();
        return claims(user).issueTime(Date.from(now.minus(Duration.ofMinutes(20)))).expirationTime(Date.from(now.minus(Duration.ofMinutes(10))));
    }

    public static String hs256(JWTClaimsSet.Builder claims, String secret)
    {
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), claims, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs with {@code key}: RS256 for an RSA key, ES256 for a P-256 key; the header names its key id. */
    public static String sign(JWTClaimsSet.Builder claims, JWK key)
    {
        try {
            if (key instanceof RSAKey rsa) {
                return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), claims, new RSASSASigner(rsa));
            }
            ECKey ec = (ECKey) key;
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims, new ECDSASigner(ec));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set of {@code keys}, as a JWKS endpoint serves it. */
    public static String jwks(JWK... keys)
    {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    private static String sign(JWSHeader header, JWTClaimsSet.Builder claims, JWSSigner signer)
            throws JOSEException
    {
        SignedJWT jwt = new SignedJWT(header, claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }
}
