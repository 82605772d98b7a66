package io.queryflux.core.internal.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.queryflux.spi.ProviderConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code jwt} provider's settings, from {@code auth}. Exactly one key source: {@code secret}
 * (HS256), {@code jwksFile} or {@code jwksUrl} (RS256 and ES256). Problems never quote the secret.
 *
 * @param secret the HS256 key, at least 32 bytes, or {@code null}
 * @param jwksFile a JWK set file, or {@code null}
 * @param jwksUrl a JWK set URL, or {@code null}
 * @param jwksCacheTtl how long fetched keys are used before they are fetched again
 * @param jwksMinRefreshInterval the least time between two fetches, also when a token names an unknown key; 0: no limit
 * @param issuer the required {@code iss}, or {@code null} for any
 * @param audience the required {@code aud}, or {@code null} for any
 * @param userClaim the claim naming the user
 * @param groupsClaim the claim listing the user's groups, or {@code null}
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 */
record JwtSettings(
        String secret,
        Path jwksFile,
        URI jwksUrl,
        Duration jwksCacheTtl,
        Duration jwksMinRefreshInterval,
        String issuer,
        String audience,
        String userClaim,
        String groupsClaim,
        Duration clockSkew)
{
    static final int MIN_SECRET_BYTES = 32;

    /** The settings, or empty when they have problems (all reported). */
    static Optional<JwtSettings> read(ProviderConfig config)
    {
        String secret = config.string("secret").orElse(null);
        Path jwksFile = config.string("jwksFile").map(Path::of).orElse(null);
        URI jwksUrl = config.string("jwksUrl").flatMap(url -> parseUrl(config, url)).orElse(null);
        JwtSettings settings = new JwtSettings(
                secret,
                jwksFile,
                jwksUrl,
                config.duration("jwksCacheTtl", Duration.ofMinutes(5)),
                config.duration("jwksMinRefreshInterval", Duration.ofSeconds(30)),
                config.string("issuer").orElse(null),
                config.string("audience").orElse(null),
                config.string("userClaim").orElse("sub"),
                config.string("groupsClaim").orElse(null),
                config.duration("clockSkew", Duration.ofSeconds(60)));
        int sources = (secret != null ? 1 : 0) + (jwksFile != null ? 1 : 0) + (config.has("jwksUrl") ? 1 : 0);
        boolean valid = true;
        if (sources != 1) {
            config.problem("", "needs exactly one of secret (HS256), jwksFile or jwksUrl (RS256, ES256)");
            valid = false;
        }
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            config.problem("secret", "must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
            valid = false;
        }
        if (jwksFile != null) {
            valid &= checkJwksFile(config, jwksFile);
        }
        if (config.has("jwksUrl") && jwksUrl == null) {
            valid = false;
        }
        if (settings.jwksCacheTtl().toMillis() <= settings.jwksMinRefreshInterval().toMillis()) {
            config.problem("jwksMinRefreshInterval", "must be less than jwksCacheTtl");
            valid = false;
        }
        if (settings.jwksMinRefreshInterval().isNegative() || settings.clockSkew().isNegative()) {
            config.problem(settings.clockSkew().isNegative() ? "clockSkew" : "jwksMinRefreshInterval", "must be >= 0");
            valid = false;
        }
        if (settings.userClaim().isBlank()) {
            config.problem("userClaim", "must not be blank");
            valid = false;
        }
        return valid ? Optional.of(settings) : Optional.empty();
    }

    private static Optional<URI> parseUrl(ProviderConfig config, String url)
    {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        }
        catch (URISyntaxException e) {
            // reported below
        }
        config.problem("jwksUrl", "must be an absolute http or https URL");
        return Optional.empty();
    }

    private static boolean checkJwksFile(ProviderConfig config, Path file)
    {
        try {
            if (JWKSet.load(file.toFile()).getKeys().isEmpty()) {
                config.problem("jwksFile", "holds no keys: " + file);
                return false;
            }
            return true;
        }
        catch (IOException e) {
            config.problem("jwksFile", "cannot be read: " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        catch (ParseException e) {
            config.problem("jwksFile", "is not a JWK set: " + file);
        }
        return false;
    }

    @Override
    public String toString()
    {
        return "JwtSettings[" + (secret != null ? "secret=***" : jwksFile != null ? "jwksFile=" + jwksFile : "jwksUrl=" + jwksUrl)
                + ", issuer=" + issuer + ", audience=" + audience + ", userClaim=" + userClaim + ", groupsClaim=" + groupsClaim + "]";
    }
}
