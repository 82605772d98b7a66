package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.http.InboundResponse;
import io.queryflux.core.internal.http.OutboundRequest;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.RelayLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relays Trino clients to Trino clusters. Trino's answers stream through with only their top-level
 * {@code nextUri} (and spooled segment URIs that point at the coordinator) rewritten to QueryFlux,
 * keeping Trino's path, so every later poll comes back here and is forwarded to the cluster that
 * owns the query, found by Trino's query id.
 */
final class TrinoRelay
{
    private static final Logger log = LoggerFactory.getLogger(TrinoRelay.class);

    static final String SPOOLED_PREFIX = "/v1/qf/spooled/";
    private static final Pattern STATEMENT_QUERY_ID = Pattern.compile("^/v1/statement/(?:queued|executing)/([^/?]+)/");

    private final RelayHttp http;
    private final TrinoBodyRewriter rewriter;
    private final Function<HttpExchange, String> baseUri;
    private final Map<String, RelayedQuery> queries = new ConcurrentHashMap<>();
    // Clusters that handed out spooled segments, by name; as many entries as configured clusters.
    private final Map<String, Passthrough> clusters = new ConcurrentHashMap<>();

    TrinoRelay(RelayHttp http, TrinoBodyRewriter rewriter, Function<HttpExchange, String> baseUri)
    {
        this.http = http;
        this.rewriter = rewriter;
        this.baseUri = baseUri;
    }

    /** The Trino query id in a statement path such as {@code /v1/statement/executing/{id}/{slug}/{token}}. */
    static Optional<String> statementQueryId(String path)
    {
        Matcher matcher = STATEMENT_QUERY_ID.matcher(path);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    Optional<RelayedQuery> find(String trinoQueryId)
    {
        return Optional.ofNullable(queries.get(trinoQueryId));
    }

    /** Forwards the client's statement to {@code cluster} and relays Trino's first answer. */
    void submit(HttpExchange client, String sql, String user, Credentials credentials, Passthrough cluster, RelayLease lease)
    {
        OutboundRequest request = RelayHttp.request("POST", "/v1/statement", client, user, credentials, cluster)
                .header("Content-Type", "text/plain; charset=utf-8")
                .body(sql.getBytes(StandardCharsets.UTF_8))
                .build();
        RelaySubmission submission = new RelaySubmission(cluster, lease, user, credentials, created -> queries.put(created.trinoQueryId(), created));
        http.send(cluster, request,
                response -> relayStatement(client, response, submission),
                error -> {
                    lease.failed(error);
                    ErrorResponses.sendAsFailedQuery(client, error, null);
                });
    }

    /** Forwards a poll, heartbeat or cancel of a relayed query to the cluster that owns it. */
    void forward(HttpExchange client, RelayedQuery query)
    {
        query.touch();
        String method = client.method();
        OutboundRequest request = RelayHttp.request(method, RelayHttp.target(client.path(), client.rawQuery()), client, query.user(), query.credentials(), query.cluster())
                .build();
        http.send(query.cluster(), request,
                response -> {
                    switch (method) {
                        case "GET" -> relayStatement(client, response, query);
                        case "DELETE" -> {
                            if (response.status() / 100 == 2) {
                                query.failed(new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled"));
                            }
                            relayPlain(client, response, false);
                        }
                        default -> relayPlain(client, response, false);
                    }
                },
                error -> failQuery(client, query, error));
    }

    /** Forwards {@code GET/DELETE /v1/query/{id}} of a relayed query. */
    void forwardQueryResource(HttpExchange client, RelayedQuery query)
    {
        query.touch();
        OutboundRequest request = RelayHttp.request(client.method(), RelayHttp.target(client.path(), client.rawQuery()), client, query.user(), query.credentials(), query.cluster())
                .build();
        http.send(query.cluster(), request,
                response -> {
                    if (client.method().equals("DELETE") && response.status() / 100 == 2) {
                        query.failed(new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled"));
                    }
                    relayPlain(client, response, false);
                },
                error -> ErrorResponses.send(client, error, query.trinoQueryId()));
    }

    /**
     * Forwards a spooled segment download or acknowledgement; the bytes pass unchanged. The cluster
     * is named in the URI, not looked up by query: Trino keeps segments until they are acknowledged
     * or expire, long after QueryFlux has forgotten the query.
     */
    void forwardSpooled(HttpExchange client, String rest)
    {
        int slash = rest.indexOf('/');
        String clusterName = slash < 0 ? rest : URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
        Passthrough cluster = clusters.get(clusterName);
        if (cluster == null || slash < 0) {
            throw new QueryFluxException(ErrorCode.QUERY_NOT_FOUND, "No Trino cluster " + clusterName + " for this spooled segment");
        }
        OutboundRequest.Builder request = OutboundRequest.builder(client.method(), RelayHttp.target("/v1/spooled/" + rest.substring(slash + 1), client.rawQuery()));
        RelayHttp.copySegmentHeaders(client, request);
        cluster.identityHeaders(TrinoRequestReader.credentials(client)).forEach(request::header);
        http.send(cluster, request.build(),
                response -> relayPlain(client, response, true),
                error -> ErrorResponses.send(client, error, null));
    }

    /** Forwards {@code GET /v1/info} to a cluster, so clients see the real Trino version. */
    void forwardInfo(HttpExchange client, Passthrough cluster)
    {
        http.send(cluster, OutboundRequest.builder("GET", "/v1/info").build(),
                response -> relayPlain(client, response, false),
                error -> ErrorResponses.send(client, error, null));
    }

    /** Ends queries whose client stopped polling (cancelling them on Trino) and forgets ended ones. */
    void reap(long now, long clientTimeoutNanos, long retentionNanos)
    {
        queries.forEach((id, query) -> {
            long idle = query.idleNanos(now);
            if (query.isEnded()) {
                if (idle > retentionNanos) {
                    queries.remove(id);
                }
            }
            else if (idle > clientTimeoutNanos) {
                log.info("Relayed query {} abandoned: its client has not polled for {} ms", id, TimeUnit.NANOSECONDS.toMillis(idle));
                cancelOnCluster(query);
                query.failed(new QueryFluxException(ErrorCode.ABANDONED_QUERY, "Query " + id + " was abandoned by its client"));
            }
        });
    }

    /** Closes the idle connections to the clusters. */
    void close()
    {
        http.close();
    }

    private void cancelOnCluster(RelayedQuery query)
    {
        Passthrough cluster = query.cluster();
        String next = query.lastNextUri();
        // Only the path of Trino's URI is used: the request goes to the configured endpoint, whatever Trino wrote.
        String path = next == null ? "/v1/query/" + query.trinoQueryId() : URI.create(next).getRawPath();
        OutboundRequest.Builder request = OutboundRequest.builder("DELETE", path);
        if (query.user() != null) {
            request.header("X-Trino-User", query.user());
        }
        cluster.identityHeaders(query.credentials()).forEach(request::header);
        http.sendInBackground(cluster, request.build(),
                response -> {
                    try (InputStream body = response.body()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                    catch (IOException e) {
                        log.debug("Reading the answer to cancelling {} failed", query.trinoQueryId(), e);
                    }
                },
                error -> log.warn("Could not cancel abandoned query {} on {}: {}", query.trinoQueryId(), cluster.clusterName(), error.getMessage()));
    }

    private void failQuery(HttpExchange client, RelayedQuery query, QueryFluxException error)
    {
        query.failed(error);
        cancelOnCluster(query);
        ErrorResponses.sendAsFailedQuery(client, error, query.trinoQueryId());
    }

    private void relayStatement(HttpExchange client, InboundResponse response, StatementOwner owner)
    {
        int status = response.status();
        if (status != 200 && !RelayHttp.isJson(response)) {
            relayNonJsonError(client, response, owner);
            return;
        }
        String base = baseUri.apply(client);
        TrackedInputStream input = new TrackedInputStream(response.body());
        TrinoBodyRewriter.Outcome outcome = null;
        try {
            client.setStatus(status);
            RelayHttp.copyResponseHeaders(response, client, false);
            OutputStream out = client.responseBody();
            // Not flushed: a page that fits the server's buffer then goes out in one write with its length.
            outcome = rewriter.rewrite(input, out,
                    original -> owner.onNextUri(original, base),
                    original -> spooledUri(original, owner, base));
        }
        catch (IOException | RuntimeException e) {
            log.debug("Relaying a page failed", e);
        }
        RelayHttp.closeQuietly(input);
        if (input.failed()) {
            QueryFluxException error = new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Trino cluster " + owner.cluster().clusterName() + " failed while sending a page");
            owner.ended(error);
            if (owner instanceof RelayedQuery relayed) {
                cancelOnCluster(relayed);
            }
            if (client.tryReset()) {
                ErrorResponses.sendAsFailedQuery(client, error, owner.trinoQueryId());
            }
            else {
                // Part of the page is out: a cut page must not look complete, so break the connection.
                client.abort();
            }
            return;
        }
        if (outcome == null) {
            client.abort();
            return;
        }
        client.complete();
        if (status == 200 && !outcome.hasNextUri()) {
            owner.ended("FAILED".equals(outcome.state()) ? failure(outcome) : null);
        }
        else if (owner.endsOn(status, client.path())) {
            owner.ended(new QueryFluxException(ErrorCode.QUERY_NOT_FOUND, "Trino answered HTTP " + status + " for the query"));
        }
    }

    // Only what went wrong inside Trino counts against the cluster (its breaker); a user's mistake does not.
    private static QueryFluxException failure(TrinoBodyRewriter.Outcome outcome)
    {
        ErrorCode code = outcome.errorType() == null ? ErrorCode.GENERIC_USER_ERROR : switch (outcome.errorType()) {
            case "INTERNAL_ERROR", "EXTERNAL" -> ErrorCode.BACKEND_ERROR;
            case "INSUFFICIENT_RESOURCES" -> ErrorCode.GENERIC_INSUFFICIENT_RESOURCES;
            default -> ErrorCode.GENERIC_USER_ERROR;
        };
        return new QueryFluxException(code, "Query failed on Trino" + (outcome.errorName() == null ? "" : ": " + outcome.errorName()));
    }

    private void relayNonJsonError(HttpExchange client, InboundResponse response, StatementOwner owner)
    {
        String text;
        try (InputStream body = response.body()) {
            text = new String(body.readNBytes(2048), StandardCharsets.UTF_8).strip();
        }
        catch (IOException e) {
            text = e.toString();
        }
        QueryFluxException error = new QueryFluxException(response.status() >= 500 ? ErrorCode.BACKEND_ERROR : ErrorCode.GENERIC_USER_ERROR,
                "Trino answered HTTP " + response.status() + (text.isEmpty() ? "" : ": " + text));
        if (owner.endsOn(response.status(), client.path())) {
            owner.ended(error);
        }
        ErrorResponses.send(client, response.status(), error, owner.trinoQueryId());
    }

    private static void relayPlain(HttpExchange client, InboundResponse response, boolean allHeaders)
    {
        TrackedInputStream body = new TrackedInputStream(response.body());
        boolean sent = false;
        try (body) {
            client.setStatus(response.status());
            RelayHttp.copyResponseHeaders(response, client, allHeaders);
            body.transferTo(client.responseBody());
            sent = true;
        }
        catch (IOException e) {
            log.debug("Relaying a response failed", e);
        }
        if (sent) {
            client.complete();
        }
        else if (body.failed() && client.tryReset()) {
            ErrorResponses.send(client, new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "The Trino cluster failed while answering"), null);
        }
        else {
            // A body cut short must not look complete to the client: break the connection.
            client.abort();
        }
    }

    private String spooledUri(String original, StatementOwner owner, String base)
    {
        URI uri = URI.create(original);
        Passthrough cluster = owner.cluster();
        boolean atCoordinator = uri.getRawAuthority() != null && uri.getRawAuthority().equals(cluster.endpoint().getRawAuthority())
                && uri.getRawPath().startsWith("/v1/spooled/");
        if (!atCoordinator) {
            return original; // object storage: the client downloads it directly
        }
        clusters.putIfAbsent(cluster.clusterName(), cluster);
        String rest = uri.getRawPath().substring("/v1/spooled/".length());
        return base + SPOOLED_PREFIX + URLEncoder.encode(cluster.clusterName(), StandardCharsets.UTF_8) + "/" + rest + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static String rewriteNextUri(String original, String base)
    {
        URI uri = URI.create(original);
        String path = uri.getRawPath();
        int v1 = path == null ? -1 : path.indexOf("/v1/");
        if (v1 < 0) {
            throw new QueryFluxException(ErrorCode.BACKEND_ERROR, "Trino sent a nextUri outside /v1/: " + original);
        }
        return base + path.substring(v1) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

}
