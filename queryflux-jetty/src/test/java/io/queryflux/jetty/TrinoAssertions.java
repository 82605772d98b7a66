package io.queryflux.jetty;

import io.queryflux.core.testing.TestingJson;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on Trino-shaped responses, shared by the end-to-end and the relay tests.
 */
public final class TrinoAssertions
{
    private static final Set<String> ERROR_TYPES = Set.of("USER_ERROR", "INTERNAL_ERROR", "INSUFFICIENT_RESOURCES", "EXTERNAL");

    private TrinoAssertions() {}

    /** The response is a Trino QueryResults document in state FAILED with this status and error name; returns its error. */
    public static Map<String, Object> assertTrinoError(HttpResponse<String> response, int status, String errorName)
    {
        String description = response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " " + response.body();
        return assertTrinoError(description, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body(), status, errorName);
    }

    static Map<String, Object> assertTrinoError(TestingServer.RawResponse response, int status, String errorName)
    {
        return assertTrinoError(response.toString(), response.status(), response.headers().get("Content-Type"), response.body(), status, errorName);
    }

    /** {@code status} < 0 accepts any 4xx. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> assertTrinoError(String description, int actualStatus, String contentType, String body, int status, String errorName)
    {
        if (status < 0) {
            assertThat(actualStatus).as(description).isBetween(400, 499);
        }
        else {
            assertThat(actualStatus).as(description).isEqualTo(status);
        }
        assertThat(contentType).as("Content-Type of " + description).isNotNull().startsWith("application/json");
        Map<String, Object> results = TestingJson.object(body);
        assertThat(results).as(description).containsKeys("id", "infoUri", "stats", "error");
        assertThat(((Map<String, Object>) results.get("stats")).get("state")).as(description).isEqualTo("FAILED");
        Map<String, Object> error = (Map<String, Object>) results.get("error");
        if (errorName != null) {
            assertThat(error.get("errorName")).as(description).isEqualTo(errorName);
        }
        else {
            assertThat(error.get("errorName")).as(description).isInstanceOf(String.class);
        }
        assertThat(error.get("errorType")).as(description).isIn(ERROR_TYPES.toArray());
        assertThat(error.get("errorCode")).as(description).isInstanceOf(Long.class);
        assertThat(error.get("message")).as(description).isInstanceOf(String.class);
        return error;
    }

    @SuppressWarnings("unchecked")
    public static String state(Map<String, Object> results)
    {
        return (String) ((Map<String, Object>) results.get("stats")).get("state");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> error(Map<String, Object> results)
    {
        return (Map<String, Object>) results.get("error");
    }
}
