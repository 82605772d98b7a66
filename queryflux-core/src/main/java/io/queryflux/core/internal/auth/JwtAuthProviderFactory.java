package io.queryflux.core.internal.auth;

import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.AuthProviderContext;
import io.queryflux.spi.AuthProviderFactory;
import io.queryflux.spi.ProviderConfig;

/**
 * {@code auth.provider: jwt}: bearer tokens (trino-jdbc's {@code accessToken}, the CLI's
 * {@code --access-token}).
 *
 * <pre>{@code
 * auth:
 *   provider: jwt
 *   secret: ${JWT_SECRET}            # HS256, at least 32 bytes; or
 *   jwksFile: /etc/queryflux/jwks.json   # RS256/ES256 keys, re-read every jwksCacheTtl; or
 *   jwksUrl: https://idp.example.com/.well-known/jwks.json
 *   jwksCacheTtl: 5m
 *   jwksMinRefreshInterval: 30s      # also bounds fetches caused by tokens naming unknown keys
 *   issuer: https://idp.example.com  # checked when set
 *   audience: queryflux              # checked when set
 *   userClaim: sub                   # the default
 *   groupsClaim: groups              # a list of strings, or one string
 *   clockSkew: 60s
 * }</pre>
 */
public final class JwtAuthProviderFactory
        implements AuthProviderFactory
{
    public static final String NAME = "jwt";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public AuthProvider create(ProviderConfig config, AuthProviderContext context)
    {
        return JwtSettings.read(config).map(JwtAuthProvider::new).orElse(null);
    }
}
