package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which endpoints QueryFlux sends a cluster's statements to. Firebolt may move a session with
 * {@code Firebolt-Update-Endpoint}; QueryFlux follows only to an endpoint of the same configured
 * cluster: the same scheme, host <em>and</em> port as the configured endpoint (or one listed in
 * {@code followEndpoints}), with any path. "Same host, any port" is not safe: other services on that
 * host (an admin port, a metadata service) would become reachable through the proxy.
 */
final class EndpointPolicy
{
    static final int DEFAULT_PORT = 3473;

    private final String clusterName;
    private final URI configured;
    private final List<URI> allowed;

    EndpointPolicy(String clusterName, URI configured, List<URI> followEndpoints)
    {
        this.clusterName = clusterName;
        this.configured = configured;
        List<URI> all = new ArrayList<>();
        all.add(configured);
        all.addAll(followEndpoints);
        this.allowed = List.copyOf(all);
    }

    /** A configured endpoint: http(s), a host, port 3473 when none is given, no query or credentials. */
    static URI parse(String value)
    {
        URI uri;
        try {
            uri = new URI(value.strip());
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URI: " + e.getMessage());
        }
        if (!isHttp(uri) || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be an http(s) URI of a Firebolt engine such as http://firebolt:3473, not '" + value + "'");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + bracketed(uri.getHost()) + ":" + port + path);
    }

    URI configured()
    {
        return configured;
    }

    /**
     * The endpoint named by {@code Firebolt-Update-Endpoint} (its query string removed), when it
     * belongs to this cluster; otherwise the statement fails: the proxy is never steered elsewhere.
     */
    URI follow(String headerValue)
    {
        URI uri = null;
        try {
            uri = new URI(headerValue.strip());
        }
        catch (URISyntaxException e) {
            // Reported below like any foreign endpoint.
        }
        if (uri == null || !allows(uri)) {
            throw new QueryFluxException(ErrorCode.BACKEND_ERROR, "Firebolt cluster " + clusterName + " asked to send later statements to '" + headerValue
                    + "', which is not an endpoint of this cluster (allowed: " + allowed + "); QueryFlux does not follow it");
        }
        return withoutQuery(uri);
    }

    /** The endpoint a session's statements go to: the one Firebolt moved it to, else the configured one. */
    URI sessionEndpoint(String moved)
    {
        if (moved == null) {
            return configured;
        }
        try {
            URI uri = new URI(moved);
            if (allows(uri)) {
                return withoutQuery(uri);
            }
        }
        catch (URISyntaxException e) {
            // Reported below.
        }
        throw new QueryFluxException(ErrorCode.INVALID_SESSION_PROPERTY, "Session property " + FireboltSession.ENDPOINT_PROPERTY + " names '" + moved
                + "', which is not an endpoint of Firebolt cluster " + clusterName);
    }

    boolean allows(URI uri)
    {
        if (!isHttp(uri) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        for (URI candidate : allowed) {
            if (candidate.getScheme().equalsIgnoreCase(uri.getScheme())
                    && candidate.getHost().equalsIgnoreCase(uri.getHost())
                    && candidate.getPort() == effectivePort(uri)) {
                return true;
            }
        }
        return false;
    }

    private static URI withoutQuery(URI uri)
    {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + bracketed(uri.getHost()) + ":" + effectivePort(uri) + path);
    }

    // A URL without a port means the scheme's port, not Firebolt's: that is what an HTTP client would use.
    private static int effectivePort(URI uri)
    {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isHttp(URI uri)
    {
        return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    private static String bracketed(String host)
    {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
