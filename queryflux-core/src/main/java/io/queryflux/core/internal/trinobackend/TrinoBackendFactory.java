package io.queryflux.core.internal.trinobackend;

import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.ProviderConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code engine: trino}: clusters that are Trino coordinators.
 *
 * <pre>{@code
 * clusterGroups:
 *   trino:
 *     engine: trino
 *     passthroughCredentials: false   # or true: forward the client's Basic/Bearer credentials
 *     clusters:
 *       - name: trino-1
 *         endpoint: http://trino-1:8080
 *         auth: { type: basic, username: queryflux, password: ${TRINO_PASSWORD} }   # or bearer / none
 *         connectTimeout: 5s
 * }</pre>
 */
public final class TrinoBackendFactory
        implements BackendFactory
{
    public static final String NAME = "trino";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Backend create(ProviderConfig config, BackendContext context)
    {
        URI endpoint = endpoint(config);
        ServiceIdentity identity = ServiceIdentity.from(config);
        Duration connectTimeout = config.duration("connectTimeout", Duration.ofSeconds(5));
        if (endpoint == null) {
            return null;
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                // Redirects could lead anywhere; the proxy talks only to the configured endpoint.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new TrinoClusterBackend(context.clusterName(), endpoint, identity, connectTimeout, client);
    }

    private static URI endpoint(ProviderConfig config)
    {
        String value = config.requiredString("endpoint");
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
                config.problem("endpoint", "must be an http(s) URI of a Trino coordinator without path, e.g. http://trino:8080, not '" + value + "'");
                return null;
            }
            return uri;
        }
        catch (URISyntaxException e) {
            config.problem("endpoint", "is not a valid URI: " + e.getMessage());
            return null;
        }
    }
}
