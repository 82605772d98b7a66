package io.queryflux.core.internal.trinobackend;

import io.queryflux.spi.Backend;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.ResultSink;
import io.queryflux.spi.SessionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A Trino coordinator. Trino clients are relayed to it by the Trino HTTP frontend, which streams
 * Trino's own pages through; it is not run through {@link #execute}.
 */
final class TrinoClusterBackend
        implements Backend, Passthrough
{
    private final String clusterName;
    private final URI endpoint;
    private final ServiceIdentity identity;
    private final Duration connectTimeout;
    // For health probes only; relayed queries go over the Trino frontend's own connections.
    private final HttpClient httpClient;

    TrinoClusterBackend(String clusterName, URI endpoint, ServiceIdentity identity, Duration connectTimeout, HttpClient httpClient)
    {
        this.connectTimeout = connectTimeout;
        this.clusterName = clusterName;
        this.endpoint = endpoint;
        this.identity = identity;
        this.httpClient = httpClient;
    }

    @Override
    public void execute(QueryRequest query, ResultSink sink, Cancellation cancellation)
    {
        throw new QueryFluxException(ErrorCode.NOT_SUPPORTED,
                "Cluster " + clusterName + " is a Trino coordinator, which QueryFlux relays to Trino clients only; protocol " + query.session().protocol() + " cannot use it");
    }

    /** Healthy when {@code /v1/info} answers and says the coordinator is not starting. */
    @Override
    public void checkHealth(Duration timeout)
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v1/info")).timeout(timeout).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (IOException e) {
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Cannot reach " + endpoint + ": " + e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Interrupted");
        }
        if (response.statusCode() != 200) {
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, endpoint + "/v1/info answered HTTP " + response.statusCode());
        }
        if (ServerInfoJson.isStarting(response.body())) {
            throw new QueryFluxException(ErrorCode.SERVER_STARTING_UP, endpoint + " is still starting");
        }
    }

    @Override
    public Optional<Passthrough> passthrough()
    {
        return Optional.of(this);
    }

    @Override
    public String protocol()
    {
        return SessionContext.TRINO_HTTP;
    }

    @Override
    public String clusterName()
    {
        return clusterName;
    }

    @Override
    public URI endpoint()
    {
        return endpoint;
    }

    @Override
    public Duration connectTimeout()
    {
        return connectTimeout;
    }

    @Override
    public Map<String, String> identityHeaders(Credentials client)
    {
        return identity.headers(client);
    }

    @Override
    public String toString()
    {
        return "TrinoCluster[" + clusterName + " at " + endpoint + ", " + identity + "]";
    }
}
