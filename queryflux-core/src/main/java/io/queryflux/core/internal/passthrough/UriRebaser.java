package io.queryflux.core.internal.passthrough;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Moves a Trino URI onto QueryFlux's external address: the base, then Trino's path from
 * {@code /v1/} onward, then Trino's query string. For example, with the base
 * {@code http://proxy:8080/trino-a}, {@code http://coordinator:8080/v1/statement/executing/q/s/1?maxWait=1s}
 * becomes {@code http://proxy:8080/trino-a/v1/statement/executing/q/s/1?maxWait=1s}.
 * Path and query keep their percent-encoding.
 */
public final class UriRebaser
        implements UriMapper
{
    private static final String API_PREFIX = "/v1/";

    private final String base;

    /**
     * @param externalBase an absolute http(s) URI, optionally with a path prefix, without query or fragment
     */
    public UriRebaser(String externalBase)
    {
        requireNonNull(externalBase, "externalBase is null");
        URI uri = parse(externalBase, "external base");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("External base must be an absolute http(s) URI without query or fragment: " + externalBase);
        }
        String trimmed = externalBase;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        this.base = trimmed;
    }

    /**
     * Returns the rebased URI.
     *
     * @throws IllegalArgumentException if {@code trinoUri} is not a URI or its path has no {@code /v1/}
     */
    @Override
    public String map(String trinoUri)
    {
        requireNonNull(trinoUri, "trinoUri is null");
        URI uri = parse(trinoUri, "Trino URI");
        String path = uri.getRawPath();
        int api = path == null ? -1 : path.indexOf(API_PREFIX);
        if (api < 0) {
            throw new IllegalArgumentException("Trino URI has no " + API_PREFIX + " in its path: " + trinoUri);
        }
        String query = uri.getRawQuery();
        return base + path.substring(api) + (query == null ? "" : "?" + query);
    }

    /**
     * A mapper that rebases only URIs served by {@code coordinator} (same scheme, host and port)
     * and keeps any other, e.g. a spooled segment in object storage, unchanged.
     */
    public UriMapper onlyFrom(String coordinator)
    {
        URI origin = parse(requireNonNull(coordinator, "coordinator is null"), "coordinator URI");
        if (origin.getScheme() == null || origin.getHost() == null) {
            throw new IllegalArgumentException("Coordinator URI must be absolute: " + coordinator);
        }
        return uri -> sameOrigin(origin, uri) ? map(uri) : uri;
    }

    private static boolean sameOrigin(URI origin, String candidate)
    {
        URI uri;
        try {
            uri = new URI(candidate);
        }
        catch (URISyntaxException e) {
            return false;
        }
        return origin.getScheme().equalsIgnoreCase(uri.getScheme())
                && origin.getHost().equalsIgnoreCase(uri.getHost())
                && port(origin) == port(uri);
    }

    private static int port(URI uri)
    {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return Objects.equals(uri.getScheme().toLowerCase(Locale.ROOT), "https") ? 443 : 80;
    }

    private static URI parse(String text, String what)
    {
        try {
            return new URI(text);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid " + what + ": " + text, e);
        }
    }

    @Override
    public String toString()
    {
        return "UriRebaser{" + base + "}";
    }
}
