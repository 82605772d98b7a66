package io.queryflux.core.internal.trino;

import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryFluxException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends requests to a Trino cluster without holding a thread while Trino thinks, retrying what
 * Trino's own clients retry (502, 503, 504, connection failures, and 429 after its
 * {@code Retry-After}) within a time budget.
 */
final class RelayHttp
{
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 502, 503, 504);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "authorization", "cookie");

    private final RelaySettings settings;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;

    RelayHttp(RelaySettings settings, ScheduledExecutorService scheduler, Executor executor)
    {
        this.settings = settings;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** The target URI on the cluster for a path (and query) of the client's request; never another host. */
    static URI target(Passthrough cluster, String rawPath, Optional<String> rawQuery)
    {
        return URI.create(cluster.endpoint() + rawPath + rawQuery.map(query -> "?" + query).orElse(""));
    }

    /** A request to the cluster carrying the client's Trino headers, the acting user and the cluster's identity. */
    HttpRequest.Builder request(URI target, HttpExchange client, String user, Credentials credentials, Passthrough cluster)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(settings.requestTimeout());
        client.headers().forEach((name, values) -> {
            if ((name.startsWith("x-trino-") || name.startsWith("x-presto-")) && !name.equals("x-trino-user") && !name.equals("x-presto-user")) {
                for (String value : values) {
                    String forwarded = name.endsWith("-session") ? withoutQueryTags(value) : value;
                    if (!forwarded.isEmpty()) {
                        request.header(name, forwarded);
                    }
                }
            }
        });
        if (user != null) {
            request.header("X-Trino-User", user);
        }
        client.header("User-Agent").ifPresent(agent -> request.header("User-Agent", agent));
        cluster.identityHeaders(credentials).forEach(request::header);
        return request;
    }

    // Query tags are QueryFlux's; Trino would reject the unknown session property.
    private static String withoutQueryTags(String sessionHeader)
    {
        StringBuilder kept = new StringBuilder();
        for (String entry : sessionHeader.split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0 && QueryTags.isTagProperty(entry.substring(0, equals))) {
                continue;
            }
            kept.append(kept.length() == 0 ? "" : ",").append(entry.trim());
        }
        return kept.toString();
    }

    /** Copies the headers of a spooled segment request, which the client sends as Trino told it to. */
    static void copySegmentHeaders(HttpExchange client, HttpRequest.Builder request)
    {
        client.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-forwarded-") && !name.equals("accept-encoding")) {
                values.forEach(value -> request.header(name, value));
            }
        });
    }

    /** Copies Trino's session headers and content type to the client. */
    static void copyResponseHeaders(HttpResponse<?> response, HttpExchange client, boolean allHeaders)
    {
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean wanted = allHeaders
                    ? !HOP_BY_HOP.contains(lower) && !lower.startsWith(":")
                    : lower.startsWith("x-trino-") || lower.startsWith("x-presto-") || lower.equals("content-type");
            if (wanted) {
                values.forEach(value -> client.addHeader(name, value));
            }
        });
    }

    /**
     * Sends {@code request}, retrying within the budget, and hands the response (which may still be a
     * retryable status once the budget is spent) to {@code onResponse} on the relay executor.
     * {@code onGiveUp} gets the error when the cluster could not be reached at all.
     */
    void send(HttpClient client, String clusterName, HttpRequest request, Consumer<HttpResponse<InputStream>> onResponse, Consumer<QueryFluxException> onGiveUp)
    {
        send(client, clusterName, request, System.nanoTime() + settings.retryBudget().toNanos(), 0, onResponse, onGiveUp);
    }

    private void send(HttpClient client, String clusterName, HttpRequest request, long deadline, int attempt, Consumer<HttpResponse<InputStream>> onResponse, Consumer<QueryFluxException> onGiveUp)
    {
        client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).whenCompleteAsync((response, failure) -> {
            long backoff = Math.min(1_000, 50L << Math.min(attempt, 5));
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (isRetryable(request, cause) && hasTime(deadline, backoff)) {
                    retry(client, clusterName, request, deadline, attempt, backoff, onResponse, onGiveUp);
                }
                else {
                    onGiveUp.accept(unreachable(clusterName, cause));
                }
                return;
            }
            if (RETRIED_STATUSES.contains(response.statusCode())) {
                long delay = response.statusCode() == 429 ? retryAfterMillis(response).orElse(backoff) : backoff;
                closeQuietly(response.body());
                if (hasTime(deadline, delay)) {
                    retry(client, clusterName, request, deadline, attempt, delay, onResponse, onGiveUp);
                }
                else {
                    // Passing Trino's 5xx on would make the client retry for minutes; the query is lost.
                    onGiveUp.accept(new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE,
                            "Trino cluster " + clusterName + " kept answering HTTP " + response.statusCode() + " for " + settings.retryBudget().toMillis() + " ms (relayRetryBudget)"));
                }
                return;
            }
            onResponse.accept(response);
        }, executor);
    }

    // A statement POST that may have reached Trino is not sent again: it could run twice. Only a
    // connection that never opened is safe to retry; polls are idempotent.
    private static boolean isRetryable(HttpRequest request, Throwable cause)
    {
        if (request.method().equals("POST")) {
            return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
        }
        return cause instanceof IOException && !(cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException));
    }

    private void retry(HttpClient client, String clusterName, HttpRequest request, long deadline, int attempt, long delayMillis, Consumer<HttpResponse<InputStream>> onResponse, Consumer<QueryFluxException> onGiveUp)
    {
        scheduler.schedule(() -> send(client, clusterName, request, deadline, attempt + 1, onResponse, onGiveUp), delayMillis, TimeUnit.MILLISECONDS);
    }

    private static boolean hasTime(long deadline, long delayMillis)
    {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) < deadline;
    }

    private static Optional<Long> retryAfterMillis(HttpResponse<?> response)
    {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Math.max(0, Long.parseLong(value.trim())) * 1000);
            }
            catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static QueryFluxException unreachable(String clusterName, Throwable cause)
    {
        String reason = cause instanceof ConnectException ? "connection refused" : cause instanceof HttpTimeoutException ? "timed out" : String.valueOf(cause.getMessage());
        ErrorCode code = cause instanceof HttpTimeoutException ? ErrorCode.BACKEND_TIMEOUT : ErrorCode.BACKEND_UNAVAILABLE;
        return new QueryFluxException(code, "Trino cluster " + clusterName + " is unavailable: " + reason, cause);
    }

    static void closeQuietly(InputStream body)
    {
        try {
            body.close();
        }
        catch (IOException ignored) {
            // nothing left to do with a body we discard
        }
    }

    static boolean isJson(HttpResponse<?> response)
    {
        return response.headers().firstValue("Content-Type").map(type -> type.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
    }
}
