package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.auth.AccessRefused;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.core.internal.engine.QueryIdGenerator;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Frontend;
import io.queryflux.spi.FrontendContext;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Trino client protocol: {@code POST /v1/statement}, polling of the URIs it hands out, cancel,
 * heartbeat, and {@code /v1/info}. Queries from synchronous engines are served in pages by
 * {@link TrinoQuery}.
 */
final class TrinoHttpFrontend
        implements Frontend
{
    private static final Logger log = LoggerFactory.getLogger(TrinoHttpFrontend.class);

    private static final String QUERY_ID = "(\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5})";
    private static final Pattern OWN_QUERY_PATH = Pattern.compile("/v1/statement/qf/(queued|executing)/" + QUERY_ID + "/(\\d{1,18})");
    private static final Pattern QUERY_RESOURCE_PATH = Pattern.compile("/v1/query/" + QUERY_ID);

    private final FrontendContext context;
    private final TrinoHttpSettings settings;
    private final ServerInfo serverInfo;
    private final ExecutorService responseExecutor;
    private final PollResponder responder;
    private final Map<String, TrinoQuery> queries = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final QueryIdGenerator ids = new QueryIdGenerator(Clock.systemUTC());
    private final TrinoRelay relay;
    private final ScheduledFuture<?> reaper;

    TrinoHttpFrontend(FrontendContext context, TrinoHttpSettings settings, RelaySettings relaySettings, TrinoBodyRewriter rewriter)
    {
        this.context = context;
        this.settings = settings;
        this.serverInfo = new ServerInfo(context.serverVersion(), settings.environment());
        this.responseExecutor = Executors.newCachedThreadPool(new DaemonThreadFactory("queryflux-trino-response"));
        this.responder = new PollResponder(context.scheduler(), responseExecutor);
        this.relay = new TrinoRelay(new RelayHttp(relaySettings, context.scheduler(), responseExecutor), rewriter, this::baseUri);
        long period = Math.max(100, Math.min(1000, settings.clientTimeout().toMillis() / 4));
        this.reaper = context.scheduler().scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public String protocol()
    {
        return SessionContext.TRINO_HTTP;
    }

    @Override
    public boolean handle(HttpExchange exchange)
    {
        String path = exchange.path();
        if (!path.startsWith("/v1/")) {
            return false;
        }
        if (inFlight.incrementAndGet() > settings.maxConnections()) {
            inFlight.decrementAndGet();
            // Shed load rather than queue without bound; Trino clients retry a 503.
            exchange.setHeader("Retry-After", "1");
            ErrorResponses.send(exchange, new QueryFluxException(ErrorCode.SERVER_OVERLOADED,
                    "QueryFlux is serving " + settings.maxConnections() + " requests (maxConnections); retry shortly"), null);
            return true;
        }
        exchange = new CountedExchange(exchange, inFlight::decrementAndGet);
        try {
            route(exchange, path);
        }
        catch (QueryFluxException e) {
            ErrorResponses.send(exchange, e, null);
        }
        catch (RuntimeException e) {
            log.error("Request {} {} failed", exchange.method(), path, e);
            ErrorResponses.send(exchange, new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Internal error: " + e), null);
        }
        return true;
    }

    private void route(HttpExchange exchange, String path)
    {
        String method = exchange.method();
        if (path.equals(TrinoUris.STATEMENT)) {
            requireMethod(method, "POST");
            submit(exchange);
            return;
        }
        Matcher own = OWN_QUERY_PATH.matcher(path);
        if (own.matches()) {
            onQueryUri(exchange, method, own.group(2), Long.parseLong(own.group(3)));
            return;
        }
        requireSafePath(path);
        if (path.startsWith(TrinoUris.STATEMENT + "/")) {
            // Trino's own paths, handed out by a relayed query's rewritten nextUri.
            requireMethod(method, "GET", "HEAD", "DELETE");
            RelayedQuery relayed = TrinoRelay.statementQueryId(path).flatMap(relay::find)
                    .orElseThrow(() -> new QueryFluxException(ErrorCode.QUERY_NOT_FOUND, "No query at " + path));
            checkOwner(exchange, relayed.user());
            relay.forward(exchange, relayed);
            return;
        }
        if (path.startsWith(TrinoRelay.SPOOLED_PREFIX)) {
            requireMethod(method, "GET", "HEAD", "DELETE");
            relay.forwardSpooled(exchange, path.substring(TrinoRelay.SPOOLED_PREFIX.length()));
            return;
        }
        Matcher resource = QUERY_RESOURCE_PATH.matcher(path);
        if (resource.matches()) {
            onQueryResource(exchange, method, resource.group(1));
            return;
        }
        if (path.equals("/v1/info")) {
            requireMethod(method, "GET");
            Optional<Passthrough> trino = context.engine().passthrough(TrinoRequestReader.session(exchange, Credentials.none()));
            if (trino.isPresent()) {
                relay.forwardInfo(exchange, trino.get());
                return;
            }
            PollResponder.send(exchange, 200, ResponseBody.of(serverInfo.json()));
            return;
        }
        if (path.equals("/v1/info/state")) {
            requireMethod(method, "GET");
            PollResponder.send(exchange, 200, ResponseBody.of("\"ACTIVE\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return;
        }
        throw new QueryFluxException(ErrorCode.NOT_FOUND, "No resource at " + path);
    }

    private void submit(HttpExchange exchange)
    {
        String sql = TrinoRequestReader.sql(exchange, settings.maxQueryBytes());
        Credentials credentials = TrinoRequestReader.credentials(exchange);
        Optional<String> queryTags = SessionStatements.queryTagsValue(sql);
        if (queryTags.isPresent() || SessionStatements.isResetQueryTags(sql)) {
            setQueryTags(exchange, credentials, queryTags);
            return;
        }
        TrinoRequestReader.TrinoSession parsed = TrinoRequestReader.sessionWithWarnings(exchange, credentials);
        SessionContext session = parsed.context();
        TrinoQuery query = new TrinoQuery(sql, parsed.warnings(), settings, responder,
                (client, user, cluster, lease) -> relay.submit(client, sql, user, credentials, cluster, lease));
        QueryExecution execution;
        try {
            execution = context.engine().submit(sql, credentials, session, query);
        }
        catch (QueryFluxException e) {
            if (e.errorCode() == ErrorCode.AUTHENTICATION_FAILED || e instanceof AccessRefused) {
                throw e;
            }
            // Refused before it ran (denied, queue full): report it as a failed query, as Trino does.
            ErrorResponses.sendAsFailedQuery(exchange, e, ids.next());
            return;
        }
        query.attach(execution);
        queries.put(execution.queryId(), query);
        if (query.claimRelay()) {
            query.startRelay(exchange);
            return;
        }
        responder.respondNow(exchange, query.submitted(baseUri(exchange)));
    }

    /**
     * Answers {@code SET SESSION query_tags} (or {@code RESET SESSION query_tags}, for an empty
     * value) here: the client keeps the tags, no engine sees them.
     */
    private void setQueryTags(HttpExchange exchange, Credentials credentials, Optional<String> value)
    {
        String user = context.engine().authenticate(credentials);
        String queryId = ids.next();
        Map.Entry<String, String> header;
        try {
            header = value.isPresent()
                    ? Map.entry("X-Trino-Set-Session", SessionStatements.setSessionHeader(value.get(), user))
                    : Map.entry("X-Trino-Clear-Session", QueryTags.SESSION_PROPERTY);
        }
        catch (QueryFluxException e) {
            ErrorResponses.sendAsFailedQuery(exchange, e, queryId);
            return;
        }
        byte[] row = "[true]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ResponseBody body = QueryResultsWriter.write(new QueryResultsWriter.QueryResults(
                queryId, TrinoUris.info(baseUri(exchange), queryId), null, ColumnsJson.encode(SessionStatements.RESULT_COLUMNS),
                new Page(row, row.length, 1), "FINISHED", 0, 0, 1, null, value.isPresent() ? "SET SESSION" : "RESET SESSION", null, List.of()));
        exchange.setHeader(header.getKey(), header.getValue());
        responder.respondNow(exchange, body);
    }

    private void onQueryUri(HttpExchange exchange, String method, String queryId, long token)
    {
        TrinoQuery query = queries.get(queryId);
        if (query == null) {
            requireMethod(method, "GET", "HEAD", "DELETE");
            throw new QueryFluxException(ErrorCode.QUERY_NOT_FOUND, "Query " + queryId + " not found");
        }
        checkOwner(exchange, query.execution().session().user());
        switch (method) {
            case "GET" -> query.poll(new PendingPoll(exchange, token, baseUri(exchange), maxWaitMillis(exchange)));
            case "HEAD" -> {
                // Heartbeat of Trino 475+ clients: the query lives while they iterate.
                query.touch();
                exchange.setStatus(200);
                exchange.setHeader("Content-Type", TrinoJson.CONTENT_TYPE);
                exchange.complete();
            }
            case "DELETE" -> cancel(exchange, query);
            default -> requireMethod(method, "GET", "HEAD", "DELETE");
        }
    }

    private void onQueryResource(HttpExchange exchange, String method, String queryId)
    {
        requireMethod(method, "GET", "DELETE");
        Optional<RelayedQuery> relayed = relay.find(queryId);
        if (relayed.isPresent()) {
            checkOwner(exchange, relayed.get().user());
            relay.forwardQueryResource(exchange, relayed.get());
            return;
        }
        TrinoQuery query = queries.get(queryId);
        if (query == null) {
            throw new QueryFluxException(ErrorCode.QUERY_NOT_FOUND, "Query " + queryId + " not found");
        }
        checkOwner(exchange, query.execution().session().user());
        if (method.equals("DELETE")) {
            cancel(exchange, query);
            return;
        }
        String json = "{\"queryId\":\"" + queryId + "\",\"state\":\"" + query.execution().state() + "\"}";
        PollResponder.send(exchange, 200, ResponseBody.of(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    // Clients send their credentials with every request; only the query's user or an operator gets through.
    private void checkOwner(HttpExchange exchange, String owner)
    {
        context.engine().checkQueryAccess(owner, TrinoRequestReader.credentials(exchange));
    }

    private static void cancel(HttpExchange exchange, TrinoQuery query)
    {
        query.touch();
        query.execution().cancel();
        query.cancelledByClient();
        exchange.setStatus(204);
        exchange.complete();
    }

    /** The client's {@code maxWait} (e.g. {@code 1s}, {@code 500ms}), capped by the configured wait. */
    private long maxWaitMillis(HttpExchange exchange)
    {
        long configured = settings.maxWait().toMillis();
        return exchange.queryParameter("maxWait")
                .flatMap(MapProviderConfig::parseDuration)
                .map(wait -> Math.max(0, Math.min(configured, wait.toMillis())))
                .orElse(configured);
    }

    // Encoded or dotted segments could address something else on the cluster than the query's own URI.
    private static void requireSafePath(String path)
    {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("..") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\") || lower.contains(";") || lower.contains("//")
                || lower.contains("/./") || lower.endsWith("/.")) {
            throw new QueryFluxException(ErrorCode.INVALID_REQUEST, "Malformed path: " + path);
        }
    }

    private String baseUri(HttpExchange exchange)
    {
        return context.externalAddress().orElseGet(exchange::baseUri);
    }

    private static void requireMethod(String method, String... allowed)
    {
        if (!List.of(allowed).contains(method)) {
            throw new QueryFluxException(ErrorCode.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed here; use " + String.join(" or ", allowed));
        }
    }

    /** Cancels queries whose client stopped polling and forgets finished ones after their retention. */
    private void reap()
    {
        long now = System.nanoTime();
        long clientTimeout = settings.clientTimeout().toNanos();
        long retention = settings.finishedRetention().toNanos();
        relay.reap(now, clientTimeout, retention);
        queries.forEach((queryId, query) -> {
            try {
                long idle = query.idleNanos(now);
                if (query.isDone()) {
                    if (idle > retention) {
                        queries.remove(queryId);
                    }
                }
                else if (idle > clientTimeout) {
                    log.info("Query {} abandoned: its client has not polled for {} ms", queryId, TimeUnit.NANOSECONDS.toMillis(idle));
                    // Abandonment first, so that the client (if it comes back) learns why.
                    query.discard();
                    query.execution().cancel();
                    queries.remove(queryId);
                }
            }
            catch (RuntimeException e) {
                log.warn("Could not reap query {}", queryId, e);
            }
        });
    }

    @Override
    public void close()
    {
        reaper.cancel(false);
        queries.values().forEach(TrinoQuery::discard);
        queries.clear();
        relay.close();
        responseExecutor.shutdown();
    }
}
