package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.ProviderConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code engine: firebolt}: Firebolt Core engines, reached over their HTTP protocol (one POST per
 * statement, results streamed as {@code JSONLines_Compact}).
 *
 * <pre>{@code
 * clusterGroups:
 *   firebolt:
 *     engine: firebolt
 *     maxRunningQueries: 16          # writes waiting for their turn hold a slot: leave room for reads
 *     clusters:
 *       - name: firebolt-1
 *         endpoint: http://firebolt-core:3473   # port 3473 when omitted
 *         database: analytics                   # optional: when the client has no current catalog
 *         queryLabel: queryflux-                # optional: query_label = prefix + QueryFlux query id
 *         connectTimeout: 5s
 *         requestTimeout: 10m                   # until Firebolt starts answering a statement
 *         writeWaitTimeout: 5m                  # a write waiting longer for the single write turn fails
 *         transactionIdleTimeout: 5m            # an explicit transaction idle this long is rolled back
 *         followEndpoints: []                   # other nodes Firebolt-Update-Endpoint may move a session to
 * }</pre>
 */
public final class FireboltBackendFactory
        implements BackendFactory
{
    public static final String NAME = "firebolt";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DEFAULT_WRITE_WAIT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_TRANSACTION_IDLE_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public Backend create(ProviderConfig config, BackendContext context)
    {
        URI endpoint = endpoint(config, "endpoint", config.requiredString("endpoint"));
        Optional<String> database = config.string("database").filter(value -> !value.isBlank());
        Optional<String> queryLabel = config.string("queryLabel").filter(value -> !value.isEmpty());
        Duration connectTimeout = positive(config, "connectTimeout", DEFAULT_CONNECT_TIMEOUT);
        Duration requestTimeout = positive(config, "requestTimeout", DEFAULT_REQUEST_TIMEOUT);
        Duration writeWaitTimeout = positive(config, "writeWaitTimeout", DEFAULT_WRITE_WAIT_TIMEOUT);
        Duration transactionIdleTimeout = positive(config, "transactionIdleTimeout", DEFAULT_TRANSACTION_IDLE_TIMEOUT);
        List<URI> followEndpoints = new ArrayList<>();
        List<String> follow = config.stringList("followEndpoints");
        for (int i = 0; i < follow.size(); i++) {
            followEndpoints.add(endpoint(config, "followEndpoints[" + i + "]", follow.get(i)));
        }
        if (endpoint == null || followEndpoints.contains(null) || connectTimeout == null || requestTimeout == null
                || writeWaitTimeout == null || transactionIdleTimeout == null) {
            return null;
        }
        FireboltSettings settings = new FireboltSettings(
                context.clusterName(),
                endpoint,
                database.orElse(null),
                queryLabel.orElse(null),
                connectTimeout,
                requestTimeout,
                writeWaitTimeout,
                transactionIdleTimeout,
                followEndpoints);
        return new FireboltBackend(settings, httpClient(connectTimeout), FireboltBackend.UNTAPPED);
    }

    static HttpClient httpClient(Duration connectTimeout)
    {
        return HttpClient.newBuilder()
                // Firebolt Core speaks HTTP/1.1; the default would first try an h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                // A redirect could lead anywhere; the proxy talks only to the configured cluster.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static URI endpoint(ProviderConfig config, String key, String value)
    {
        if (value == null) {
            return null;
        }
        try {
            return EndpointPolicy.parse(value);
        }
        catch (IllegalArgumentException e) {
            config.problem(key, e.getMessage());
            return null;
        }
    }

    private static Duration positive(ProviderConfig config, String key, Duration fallback)
    {
        Duration value = config.duration(key, fallback);
        if (value.isNegative() || value.isZero()) {
            config.problem(key, "must be positive, not " + value);
            return null;
        }
        return value;
    }
}
