package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.http.InboundResponse;
import io.queryflux.core.internal.http.OriginClient;
import io.queryflux.core.internal.http.OutboundRequest;
import io.queryflux.core.internal.http.RequestNotSentException;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryFluxException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends requests to Trino clusters, retrying what Trino's own clients retry (502, 503, 504,
 * connection failures, and 429 after its {@code Retry-After}) within a time budget.
 *
 * <p>An exchange runs on the thread of the client's request, from writing Trino's request to
 * relaying the last byte of the answer: handing small pages between selector and worker threads
 * cost more than everything else the relay does. That thread waits while Trino holds a long poll
 * (a second at most). Retries, and requests no client waits for, run on the relay executor.
 */
final class RelayHttp
        implements AutoCloseable
{
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 502, 503, 504);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "authorization", "cookie");

    private final RelaySettings settings;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    // One per configured cluster: Passthrough instances live as long as the configuration.
    private final Map<Passthrough, OriginClient> clients = new ConcurrentHashMap<>();

    RelayHttp(RelaySettings settings, ScheduledExecutorService scheduler, Executor executor)
    {
        this.settings = settings;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /** The target (path and query) on the cluster for the client's request; the host is always the cluster's. */
    static String target(String rawPath, Optional<String> rawQuery)
    {
        return rawPath + rawQuery.map(query -> "?" + query).orElse("");
    }

    /** A request to the cluster carrying the client's Trino headers, the acting user and the cluster's identity. */
    static OutboundRequest.Builder request(String method, String target, HttpExchange client, String user, Credentials credentials, Passthrough cluster)
    {
        OutboundRequest.Builder request = OutboundRequest.builder(method, target);
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
    static void copySegmentHeaders(HttpExchange client, OutboundRequest.Builder request)
    {
        client.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-forwarded-") && !name.equals("accept-encoding")) {
                values.forEach(value -> request.header(name, value));
            }
        });
    }

    /** Copies Trino's session headers and content type to the client, or every end-to-end header. */
    static void copyResponseHeaders(InboundResponse response, HttpExchange client, boolean allHeaders)
    {
        for (Map.Entry<String, String> header : response.headers()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            boolean wanted = allHeaders
                    ? !HOP_BY_HOP.contains(lower)
                    : lower.startsWith("x-trino-") || lower.startsWith("x-presto-") || lower.equals("content-type");
            if (wanted) {
                client.addHeader(header.getKey(), header.getValue());
            }
        }
    }

    /**
     * Sends {@code request} to {@code cluster} on the calling thread, retrying within the budget on
     * the relay executor, and hands the response (which may still be a retryable status once the
     * budget is spent) to {@code onResponse}. {@code onGiveUp} gets the error when the cluster could
     * not be reached at all.
     */
    void send(Passthrough cluster, OutboundRequest request, Consumer<InboundResponse> onResponse, Consumer<QueryFluxException> onGiveUp)
    {
        attempt(cluster, request, onResponse, onGiveUp).run();
    }

    /** Like {@link #send}, but starts on the relay executor: for callers that must not wait. */
    void sendInBackground(Passthrough cluster, OutboundRequest request, Consumer<InboundResponse> onResponse, Consumer<QueryFluxException> onGiveUp)
    {
        executor.execute(attempt(cluster, request, onResponse, onGiveUp));
    }

    private Attempt attempt(Passthrough cluster, OutboundRequest request, Consumer<InboundResponse> onResponse, Consumer<QueryFluxException> onGiveUp)
    {
        return new Attempt(client(cluster), cluster.clusterName(), request, System.nanoTime() + settings.retryBudget().toNanos(), onResponse, onGiveUp);
    }

    private OriginClient client(Passthrough cluster)
    {
        OriginClient client = clients.get(cluster);
        return client != null ? client : clients.computeIfAbsent(cluster, ignored -> OriginClient.create(cluster.endpoint(), cluster.connectTimeout()));
    }

    private final class Attempt
            implements Runnable
    {
        private final OriginClient client;
        private final String clusterName;
        private final OutboundRequest request;
        private final long deadline;
        private final Consumer<InboundResponse> onResponse;
        private final Consumer<QueryFluxException> onGiveUp;
        private int attempt;

        Attempt(OriginClient client, String clusterName, OutboundRequest request, long deadline, Consumer<InboundResponse> onResponse, Consumer<QueryFluxException> onGiveUp)
        {
            this.client = client;
            this.clusterName = clusterName;
            this.request = request;
            this.deadline = deadline;
            this.onResponse = onResponse;
            this.onGiveUp = onGiveUp;
        }

        @Override
        public void run()
        {
            long backoff = Math.min(1_000, 50L << Math.min(attempt, 5));
            InboundResponse response;
            try {
                response = client.send(request, settings.requestTimeout());
            }
            catch (IOException e) {
                if (isRetryable(request, e) && hasTime(deadline, backoff)) {
                    retryAfter(backoff);
                }
                else {
                    onGiveUp.accept(unreachable(clusterName, e));
                }
                return;
            }
            if (RETRIED_STATUSES.contains(response.status())) {
                long delay = response.status() == 429 ? retryAfterMillis(response).orElse(backoff) : backoff;
                closeQuietly(response.body());
                if (hasTime(deadline, delay)) {
                    retryAfter(delay);
                }
                else {
                    // Passing Trino's 5xx on would make the client retry for minutes; the query is lost.
                    onGiveUp.accept(new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE,
                            "Trino cluster " + clusterName + " kept answering HTTP " + response.status() + " for " + settings.retryBudget().toMillis() + " ms (relayRetryBudget)"));
                }
                return;
            }
            onResponse.accept(response);
        }

        private void retryAfter(long delayMillis)
        {
            attempt++;
            scheduler.schedule(() -> executor.execute(this), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    // A statement POST that may have reached Trino is not sent again: it could run twice. Only a
    // connection that never opened is safe to retry; polls are idempotent.
    private static boolean isRetryable(OutboundRequest request, IOException failure)
    {
        if (failure instanceof RequestNotSentException) {
            return true;
        }
        return !request.method().equals("POST") && !(failure instanceof SocketTimeoutException);
    }

    private static boolean hasTime(long deadline, long delayMillis)
    {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) < deadline;
    }

    private static Optional<Long> retryAfterMillis(InboundResponse response)
    {
        return response.header("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Math.max(0, Long.parseLong(value.trim())) * 1000);
            }
            catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static QueryFluxException unreachable(String clusterName, IOException cause)
    {
        boolean timedOut = cause instanceof SocketTimeoutException || (cause instanceof RequestNotSentException notSent && notSent.timedOut());
        String reason = timedOut ? "timed out" : isRefused(cause) ? "connection refused" : String.valueOf(cause.getMessage());
        ErrorCode code = timedOut ? ErrorCode.BACKEND_TIMEOUT : ErrorCode.BACKEND_UNAVAILABLE;
        return new QueryFluxException(code, "Trino cluster " + clusterName + " is unavailable: " + reason, cause);
    }

    private static boolean isRefused(IOException cause)
    {
        return cause.getCause() instanceof ConnectException;
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

    static boolean isJson(InboundResponse response)
    {
        return response.header("Content-Type").map(type -> type.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
    }

    @Override
    public void close()
    {
        clients.values().forEach(OriginClient::close);
        clients.clear();
    }
}
