package io.queryflux.core.internal.trinobackend;

import io.queryflux.spi.Credentials;
import io.queryflux.spi.ProviderConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Who QueryFlux is to a Trino cluster: nobody (the client's user name only), a configured service
 * account (Basic or Bearer), or the client's own credentials passed through. A configured service
 * identity always wins, so a client can never override it with its own {@code Authorization}.
 */
record ServiceIdentity(String type, String authorization, boolean passClientCredentials)
{
    static final String NONE = "none";
    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    static ServiceIdentity from(ProviderConfig config)
    {
        boolean passthrough = config.bool("passthroughCredentials", false);
        Optional<ProviderConfig> auth = config.object("auth");
        if (auth.isEmpty()) {
            return new ServiceIdentity(NONE, null, passthrough);
        }
        ProviderConfig settings = auth.get();
        String type = settings.string("type").orElse(NONE);
        ServiceIdentity identity = switch (type) {
            case NONE -> new ServiceIdentity(NONE, null, passthrough);
            case BASIC -> {
                String user = settings.requiredString("username");
                String password = settings.requiredString("password");
                String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                yield new ServiceIdentity(BASIC, "Basic " + token, passthrough);
            }
            case BEARER -> new ServiceIdentity(BEARER, "Bearer " + settings.requiredString("token"), passthrough);
            default -> {
                settings.problem("type", "must be none, basic or bearer, not '" + type + "'");
                yield new ServiceIdentity(NONE, null, passthrough);
            }
        };
        if (!identity.type().equals(NONE) && passthrough) {
            config.problem("passthroughCredentials", "cannot be combined with a configured auth identity");
        }
        return identity;
    }

    Map<String, String> headers(Credentials client)
    {
        if (authorization != null) {
            return Map.of("Authorization", authorization);
        }
        if (passClientCredentials) {
            if (client.passwordValue().isPresent()) {
                String token = Base64.getEncoder().encodeToString((client.user() + ":" + client.password()).getBytes(StandardCharsets.UTF_8));
                return Map.of("Authorization", "Basic " + token);
            }
            if (client.bearerTokenValue().isPresent()) {
                return Map.of("Authorization", "Bearer " + client.bearerToken());
            }
        }
        return Map.of();
    }

    @Override
    public String toString()
    {
        return "ServiceIdentity[" + type + (passClientCredentials ? ", client credentials passed through" : "") + "]";
    }
}
