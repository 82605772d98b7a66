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

import java.net.URI;
import java.net.http.HttpClient;
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
    private final HttpClient httpClient;

    TrinoClusterBackend(String clusterName, URI endpoint, ServiceIdentity identity, HttpClient httpClient)
    {
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
    public HttpClient httpClient()
    {
        return httpClient;
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
