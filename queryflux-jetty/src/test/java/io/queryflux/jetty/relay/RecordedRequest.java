package io.queryflux.jetty.relay;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the fake coordinator received, and the status it answered with (0 while unanswered, -1
 * when it closed the connection instead).
 *
 * @param headers by name, case-insensitive
 */
public final class RecordedRequest
{
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final String body;
    private final long receivedNanos;
    private volatile int status;

    RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body, long receivedNanos)
    {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.receivedNanos = receivedNanos;
    }

    public String method()
    {
        return method;
    }

    /** The raw (still encoded) path. */
    public String path()
    {
        return path;
    }

    /** The raw query string, or {@code null}. */
    public String query()
    {
        return query;
    }

    public Map<String, List<String>> headers()
    {
        return headers;
    }

    public Optional<String> header(String name)
    {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> headerValues(String name)
    {
        return headers.getOrDefault(name, List.of());
    }

    public String body()
    {
        return body;
    }

    public long receivedNanos()
    {
        return receivedNanos;
    }

    public int status()
    {
        return status;
    }

    void status(int status)
    {
        this.status = status;
    }

    /** A background health probe of QueryFlux: {@code GET /v1/info} without any user. */
    public boolean isHealthProbe()
    {
        return method.equals("GET") && path.equals("/v1/info") && header("X-Trino-User").isEmpty();
    }

    @Override
    public String toString()
    {
        return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
