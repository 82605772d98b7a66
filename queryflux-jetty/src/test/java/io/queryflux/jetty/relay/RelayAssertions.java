package io.queryflux.jetty.relay;

import io.queryflux.jetty.TestingServer;
import io.queryflux.jetty.TrinoAssertions;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on Trino-shaped documents seen through the relay.
 */
final class RelayAssertions
{
    private RelayAssertions() {}

    /** A Trino QueryResults document in state FAILED with this status and error name; returns its error. */
    static Map<String, Object> assertTrinoError(HttpResponse<String> response, int status, String errorName)
    {
        return TrinoAssertions.assertTrinoError(response, status, errorName);
    }

    static Map<String, Object> assertTrinoError(TestingServer.RawResponse response, int status, String errorName)
    {
        return TrinoAssertions.assertTrinoError(response.toString(), response.status(), response.headers().get("Content-Type"), response.body(), status, errorName);
    }

    static String nextUri(Map<String, Object> results)
    {
        return (String) results.get("nextUri");
    }

    @SuppressWarnings("unchecked")
    static List<List<Object>> data(Map<String, Object> results)
    {
        return (List<List<Object>>) results.get("data");
    }

    /** The nextUri points at QueryFlux and carries the coordinator's own path and query from {@code /v1/} on. */
    static void assertRelayedUri(String clientUri, String base, String coordinatorUri)
    {
        assertThat(clientUri).as("nextUri seen by the client").startsWith(base + "/v1/");
        URI client = URI.create(clientUri);
        URI coordinator = URI.create(coordinatorUri);
        assertThat(client.getRawPath()).as("path of " + clientUri).isEqualTo(coordinator.getRawPath());
        assertThat(client.getRawQuery()).as("query of " + clientUri).isEqualTo(coordinator.getRawQuery());
    }
}
