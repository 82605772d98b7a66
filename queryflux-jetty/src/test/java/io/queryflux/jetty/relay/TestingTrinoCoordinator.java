package io.queryflux.jetty.relay;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Trino coordinator that speaks the client protocol faithfully enough for trino-jdbc
 * and for a relaying proxy, driven by the SQL text:
 *
 * <ul>
 * <li>{@code rows N [pageSize]}: a bigint and a varchar column, {@code N} rows over pages of
 *     {@code pageSize} (default 100) rows</li>
 * <li>{@code fail [errorName errorType]}: a FAILED page with that error (default a {@code SYNTAX_ERROR},
 *     {@code USER_ERROR}, with an {@code errorLocation})</li>
 * <li>{@code nexturi-in-data}: a page whose varchar and map values contain {@code "nextUri":"http://evil/..."}
 *     and escaped quotes</li>
 * <li>{@code flaky N}: the next {@code N} polls of the query answer 503, 502 or 504 before it goes on</li>
 * <li>{@code ratelimit}: one 429 with {@code Retry-After: 1}</li>
 * <li>{@code lostanswer}: the first data page is made, but the connection is closed instead of
 *     answering; asking for the same token again returns it</li>
 * <li>{@code die}: the second data page is cut mid-body and the connection aborted; every later
 *     request for the query has its connection closed without an answer</li>
 * <li>{@code block}: stays RUNNING without data until cancelled</li>
 * <li>{@code spooled}: a page whose {@code data} is a spooling object with one inline and two
 *     spooled segments served at {@code /v1/spooled/download/<id>} and acknowledged at {@code /v1/spooled/ack/<id>}</li>
 * <li>{@code sethdr [txn]}: an update ({@code SET SESSION}) whose pages carry {@code X-Trino-Set-Catalog},
 *     {@code -Set-Schema}, {@code -Set-Session} and, with {@code txn}, (on the last page) {@code -Started-Transaction-Id}</li>
 * </ul>
 *
 * Anything else fails like {@code fail}. Text after the command's arguments is ignored, so tests can
 * label queries ({@code block a}). Every request is recorded (QueryFlux's health probes of
 * {@code /v1/info} too; {@link #clientRequests()} leaves them out); {@link #stop()} and {@link #start()}
 * simulate a dead and a restarted coordinator on the same port; {@link #failNextRequests},
 * {@link #failNextSubmits} and {@link #dropNextSubmitAnswers} inject failures outside a query.
 */
public final class TestingTrinoCoordinator
        implements AutoCloseable
{
    public static final String VERSION = "476-fake";
    public static final String SEGMENT_HEADER = "x-test";
    /** The longest a poll of a {@code block} query waits before answering RUNNING again. */
    public static final long BLOCK_POLL_MILLIS = 200;

    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);
    private static final Pattern STATEMENT = Pattern.compile("/v1/statement/(queued|executing)/([^/]+)/([^/]+)/(\\d{1,9})");
    private static final Pattern QUERY_RESOURCE = Pattern.compile("/v1/query/([^/]+)");
    private static final Pattern SPOOLED = Pattern.compile("/v1/spooled/(download|ack)/([^/]+)");
    private static final int[] FLAKY_STATUSES = {503, 502, 504};

    private final String coordinatorId;
    private final AtomicInteger queryCounter = new AtomicInteger();
    private final Map<String, FakeQuery> queries = new ConcurrentHashMap<>();
    private final List<String> queryOrder = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> segments = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> issuedNextUris = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNextRequests = new AtomicInteger();
    private final AtomicInteger dropNextSubmitAnswers = new AtomicInteger();
    private final AtomicInteger failNextSubmits = new AtomicInteger();
    private final AtomicInteger cutNextSegmentDownloads = new AtomicInteger();
    private volatile int failSubmitStatus = 503;
    private volatile int failStatus = 503;

    private Server server;
    private volatile int port;

    private TestingTrinoCoordinator()
    {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            id.append(ID_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ID_ALPHABET.length())));
        }
        this.coordinatorId = id.toString();
    }

    /** Starts a coordinator on an ephemeral loopback port. */
    public static TestingTrinoCoordinator create()
    {
        TestingTrinoCoordinator coordinator = new TestingTrinoCoordinator();
        coordinator.start();
        return coordinator;
    }

    /** (Re)starts on the port of the previous start, or an ephemeral one; a restarted coordinator knows no queries. */
    public synchronized void start()
    {
        if (server != null) {
            return;
        }
        queries.clear();
        QueuedThreadPool threads = new QueuedThreadPool(100, 4);
        threads.setName("fake-trino");
        threads.setDaemon(true);
        Server created = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Whatever a proxy sends must reach the handler, so that the test sees it.
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(created, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        created.addConnector(connector);
        created.setHandler(new FakeHandler());
        created.setStopTimeout(0);
        try {
            created.start();
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot start the fake Trino coordinator", e);
        }
        port = connector.getLocalPort();
        server = created;
    }

    /** Stops listening: connections to {@link #port()} are refused until {@link #start()}. */
    public synchronized void stop()
    {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot stop the fake Trino coordinator", e);
        }
        finally {
            server = null;
        }
    }

    @Override
    public void close()
    {
        stop();
    }

    public int port()
    {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, the address the coordinator writes into its URIs. */
    public String endpoint()
    {
        return "http://127.0.0.1:" + port;
    }

    public URI uri(String path)
    {
        return URI.create(endpoint() + path);
    }

    /** Answers the next {@code count} requests of any kind with {@code status} (e.g. 503 while "starting"). */
    public void failNextRequests(int count, int status)
    {
        failStatus = status;
        failNextRequests.set(count);
    }

    /** Cuts the next {@code count} spooled segment downloads mid-body and aborts their connections. */
    public void cutNextSegmentDownloads(int count)
    {
        cutNextSegmentDownloads.set(count);
    }

    /** Answers the next {@code count} {@code POST /v1/statement} with {@code status}, creating no query. */
    public void failNextSubmits(int count, int status)
    {
        failSubmitStatus = status;
        failNextSubmits.set(count);
    }

    /**
     * The next {@code count} statements are created (they run) but their POST is answered by closing
     * the connection: the client cannot tell whether Trino got the statement.
     */
    public void dropNextSubmitAnswers(int count)
    {
        dropNextSubmitAnswers.set(count);
    }

    public List<RecordedRequest> requests()
    {
        return List.copyOf(requests);
    }

    /** Requests other than QueryFlux's background health probes ({@code GET /v1/info} without a user). */
    public List<RecordedRequest> clientRequests()
    {
        return requests.stream().filter(request -> !request.isHealthProbe()).toList();
    }

    /** Requests with this method whose path starts with {@code pathPrefix}. */
    public List<RecordedRequest> requests(String method, String pathPrefix)
    {
        return requests.stream().filter(request -> request.method().equals(method) && request.path().startsWith(pathPrefix)).toList();
    }

    /** Requests concerning this Trino query id (statement, query and spooled paths). */
    public List<RecordedRequest> requestsFor(String queryId)
    {
        return requests.stream().filter(request -> request.path().contains("/" + queryId + "/") || request.path().endsWith("/" + queryId)).toList();
    }

    public List<RecordedRequest> posts()
    {
        return requests("POST", "/v1/statement");
    }

    public void clearRequests()
    {
        requests.clear();
    }

    /** Every nextUri the coordinator handed out, in order. */
    public List<String> issuedNextUris()
    {
        return List.copyOf(issuedNextUris);
    }

    /** Query ids in submission order. */
    public List<String> queryIds()
    {
        return List.copyOf(queryOrder);
    }

    public FakeQuery query(String queryId)
    {
        FakeQuery query = queries.get(queryId);
        if (query == null) {
            throw new IllegalArgumentException("No query " + queryId + "; known: " + queries.keySet());
        }
        return query;
    }

    /** The query submitted with exactly this SQL text, if any. */
    public Optional<FakeQuery> queryBySql(String sql)
    {
        return queryOrder.stream().map(queries::get).filter(query -> query != null && query.sql().equals(sql)).findFirst();
    }

    public byte[] segment(String segmentId)
    {
        return segments.get(segmentId);
    }

    // ---- request handling ----

    private final class FakeHandler
            extends Handler.Abstract
    {
        @Override
        public boolean handle(Request request, Response response, Callback callback)
                throws Exception
        {
            HttpURI uri = request.getHttpURI();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), ignored -> new ArrayList<>()).add(field.getValue());
            }
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            RecordedRequest recorded = new RecordedRequest(request.getMethod(), uri.getPath(), uri.getQuery(),
                    Collections.unmodifiableMap(headers), body, System.nanoTime());
            requests.add(recorded);
            Reply reply;
            if (failNextRequests.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                reply = Reply.text(failStatus, "Injected failure");
            }
            else {
                try {
                    reply = route(recorded);
                }
                catch (RuntimeException e) {
                    reply = Reply.text(500, "Fake coordinator failed: " + e);
                }
            }
            recorded.status(reply.mode == Mode.CLOSE ? -1 : reply.status);
            reply.send(request, response, callback);
            return true;
        }
    }

    private Reply route(RecordedRequest request)
            throws InterruptedException
    {
        String path = request.path();
        String method = request.method();
        if (path.equals("/v1/statement")) {
            if (!method.equals("POST")) {
                return Reply.text(405, "Method not allowed");
            }
            if (failNextSubmits.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                return Reply.text(failSubmitStatus, "Injected submit failure");
            }
            return submit(request);
        }
        Matcher statement = STATEMENT.matcher(path);
        if (statement.matches()) {
            FakeQuery query = queries.get(statement.group(2));
            if (query == null || !query.slug.equals(statement.group(3))) {
                return Reply.text(404, "Query not found");
            }
            int token = Integer.parseInt(statement.group(4));
            int step = statement.group(1).equals("queued") ? token : token + 2;
            if (!path.equals(query.path(step))) {
                return Reply.text(404, "Query not found");
            }
            if (query.dead) {
                return Reply.close();
            }
            return switch (method) {
                case "GET" -> query.poll(step, maxWaitMillis(request.query()));
                case "HEAD" -> query.cancelled ? Reply.text(404, "") : Reply.json(200, new byte[0], Map.of());
                case "DELETE" -> {
                    query.cancel();
                    yield Reply.empty(204);
                }
                default -> Reply.text(405, "Method not allowed");
            };
        }
        Matcher resource = QUERY_RESOURCE.matcher(path);
        if (resource.matches()) {
            FakeQuery query = queries.get(resource.group(1));
            if (query == null) {
                return Reply.text(404, "Query not found");
            }
            return switch (method) {
                case "GET" -> Reply.json(200, ("{\"queryId\":" + FakeJson.quote(query.id) + ",\"state\":" + FakeJson.quote(query.state())
                        + ",\"query\":" + FakeJson.quote(query.sql) + ",\"session\":{\"user\":" + FakeJson.quote(String.valueOf(query.user)) + "}"
                        + ",\"self\":" + FakeJson.quote(endpoint() + "/v1/query/" + query.id) + "}").getBytes(StandardCharsets.UTF_8), Map.of());
                case "DELETE" -> {
                    query.cancel();
                    yield Reply.empty(204);
                }
                default -> Reply.text(405, "Method not allowed");
            };
        }
        Matcher spooled = SPOOLED.matcher(path);
        if (spooled.matches()) {
            byte[] bytes = segments.get(spooled.group(2));
            if (bytes == null) {
                return Reply.text(404, "No segment " + spooled.group(2));
            }
            if (spooled.group(1).equals("download")) {
                Mode mode = cutNextSegmentDownloads.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? Mode.DIE : Mode.NORMAL;
                return method.equals("GET") ? new Reply(200, "application/octet-stream", bytes, Map.of(), mode) : Reply.text(405, "Method not allowed");
            }
            return method.equals("GET") || method.equals("DELETE") ? Reply.empty(200) : Reply.text(405, "Method not allowed");
        }
        if (path.equals("/v1/info") && method.equals("GET")) {
            return Reply.json(200, ("{\"nodeVersion\":{\"version\":\"" + VERSION + "\"},\"environment\":\"fake\",\"coordinator\":true,\"starting\":false,\"uptime\":\"1.00m\"}")
                    .getBytes(StandardCharsets.UTF_8), Map.of());
        }
        return Reply.text(404, "Not Found");
    }

    private Reply submit(RecordedRequest request)
    {
        String sql = request.body();
        if (sql.isBlank()) {
            return Reply.text(400, "SQL statement is empty");
        }
        String id = ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME) + "_" + String.format("%05d", queryCounter.getAndIncrement() % 100_000) + "_" + coordinatorId;
        String slug = "y" + UUID.randomUUID().toString().replace("-", "");
        FakeQuery query = new FakeQuery(id, slug, sql, request.header("X-Trino-User").orElse(null));
        queries.put(id, query);
        queryOrder.add(id);
        Reply reply = query.submitted();
        return dropNextSubmitAnswers.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? Reply.close() : reply;
    }

    private static long maxWaitMillis(String rawQuery)
    {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("maxWait=")) {
                    String value = pair.substring("maxWait=".length());
                    try {
                        if (value.endsWith("ms")) {
                            return (long) Double.parseDouble(value.substring(0, value.length() - 2));
                        }
                        if (value.endsWith("s")) {
                            return (long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1000);
                        }
                    }
                    catch (NumberFormatException ignored) {
                        // Trino would answer 400; the default is good enough for a fake
                    }
                }
            }
        }
        return 1000;
    }

    // ---- queries ----

    private enum Kind
    {
        ROWS, FAIL, NEXTURI_IN_DATA, BLOCK, SPOOLED, SETHDR
    }

    /** One query on the fake coordinator. Steps: 0 = the POST answer, 1 = {@code queued/1}, n >= 2 = {@code executing/(n-2)}. */
    public final class FakeQuery
    {
        private final String id;
        private final String slug;
        private final String sql;
        private final String user;
        private final Kind kind;
        private final int rows;
        private final int pageSize;
        private final boolean dies;
        private final String failName;
        private final String failType;
        private final String transactionId = UUID.randomUUID().toString();
        private final CountDownLatch cancelLatch = new CountDownLatch(1);
        private final Map<Integer, Reply> served = new LinkedHashMap<>();
        private int flakyLeft;
        private int flakyServed;
        private boolean rateLimitPending;
        private int loseAnswerOfStep = -1;
        private int servedStep;
        private boolean finalServed;
        private volatile boolean cancelled;
        private volatile boolean dead;
        private final AtomicInteger deleteCount = new AtomicInteger();

        private FakeQuery(String id, String slug, String sql, String user)
        {
            this.id = id;
            this.slug = slug;
            this.sql = sql;
            this.user = user;
            String[] words = sql.trim().split("\\s+");
            String command = words[0].toLowerCase(Locale.ROOT);
            int rows = 3;
            int pageSize = 1;
            Kind kind = Kind.ROWS;
            boolean dies = false;
            switch (command) {
                case "rows" -> {
                    rows = intArg(words, 1, 10);
                    pageSize = Math.max(1, intArg(words, 2, 100));
                }
                case "flaky" -> flakyLeft = intArg(words, 1, 1);
                case "ratelimit" -> rateLimitPending = true;
                case "lostanswer" -> loseAnswerOfStep = 2;
                case "die" -> {
                    rows = 10;
                    pageSize = 2;
                    dies = true;
                }
                case "nexturi-in-data" -> kind = Kind.NEXTURI_IN_DATA;
                case "block" -> kind = Kind.BLOCK;
                case "spooled" -> kind = Kind.SPOOLED;
                case "sethdr" -> kind = Kind.SETHDR;
                default -> kind = Kind.FAIL;
            }
            this.kind = kind;
            this.rows = rows;
            this.pageSize = pageSize;
            this.dies = dies;
            boolean namedFailure = kind == Kind.FAIL && command.equals("fail") && words.length >= 3
                    && words[1].matches("[A-Z_]+") && words[2].matches("USER_ERROR|INTERNAL_ERROR|INSUFFICIENT_RESOURCES|EXTERNAL");
            this.failName = namedFailure ? words[1] : "SYNTAX_ERROR";
            this.failType = namedFailure ? words[2] : "USER_ERROR";
        }

        public String id()
        {
            return id;
        }

        public String slug()
        {
            return slug;
        }

        public String sql()
        {
            return sql;
        }

        public String user()
        {
            return user;
        }

        public boolean isCancelled()
        {
            return cancelled;
        }

        /** How many DELETEs (of a statement URI or of {@code /v1/query/<id>}) it got. */
        public int deleteCount()
        {
            return deleteCount.get();
        }

        public synchronized boolean isFinished()
        {
            return finalServed;
        }

        public String transactionId()
        {
            return transactionId;
        }

        /** The coordinator's own path of a step's URI; {@code null} for the POST. */
        public String path(int step)
        {
            if (step <= 0) {
                return null;
            }
            return step == 1 ? "/v1/statement/queued/" + id + "/" + slug + "/1" : "/v1/statement/executing/" + id + "/" + slug + "/" + (step - 2);
        }

        /** The body the coordinator answered for a step, exactly as sent. */
        public synchronized byte[] servedBody(int step)
        {
            Reply reply = served.get(step);
            return reply == null ? null : reply.body.clone();
        }

        synchronized String state()
        {
            return cancelled ? "FAILED" : finalServed ? "FINISHED" : servedStep < 2 ? "QUEUED" : "RUNNING";
        }

        void cancel()
        {
            deleteCount.incrementAndGet();
            cancelled = true;
            cancelLatch.countDown();
        }

        private synchronized Reply submitted()
        {
            Reply reply = page(0);
            served.put(0, reply);
            return reply;
        }

        private Reply poll(int step, long maxWaitMillis)
                throws InterruptedException
        {
            synchronized (this) {
                if (dead) {
                    return Reply.close();
                }
                if (step == servedStep) {
                    return served.get(step);
                }
                if (step < servedStep) {
                    return Reply.text(410, "Gone: token already advanced");
                }
                if (step != servedStep + 1 || finalServed) {
                    return Reply.text(404, "Query not found");
                }
                if (flakyLeft > 0) {
                    flakyLeft--;
                    int status = FLAKY_STATUSES[flakyServed++ % FLAKY_STATUSES.length];
                    return new Reply(status, "text/html", ("<html><body>" + status + " from the load balancer</body></html>").getBytes(StandardCharsets.UTF_8), Map.of(), Mode.NORMAL);
                }
                if (rateLimitPending) {
                    rateLimitPending = false;
                    return new Reply(429, "text/plain", "Too many requests".getBytes(StandardCharsets.UTF_8), Map.of("Retry-After", List.of("1")), Mode.NORMAL);
                }
            }
            if (kind == Kind.BLOCK && step >= 2 && !cancelled) {
                cancelLatch.await(Math.min(maxWaitMillis, BLOCK_POLL_MILLIS), TimeUnit.MILLISECONDS);
            }
            synchronized (this) {
                if (step == servedStep) {
                    return served.get(step); // a concurrent retry advanced it
                }
                if (step != servedStep + 1 || finalServed) {
                    return Reply.text(410, "Gone: token already advanced");
                }
                Reply reply = page(step);
                servedStep = step;
                served.put(step, reply);
                if (reply.mode == Mode.DIE) {
                    dead = true;
                }
                if (step == loseAnswerOfStep) {
                    // The page is made and the token advanced, but the answer never arrives.
                    loseAnswerOfStep = -1;
                    return Reply.close();
                }
                return reply;
            }
        }

        // Guarded by this.
        private Reply page(int step)
        {
            String columns = null;
            String data = null;
            String error = null;
            boolean last = false;
            String state = "RUNNING";
            Map<String, List<String>> headers = new LinkedHashMap<>();
            boolean die = false;
            String updateType = null;
            if (step == 0) {
                state = "QUEUED";
            }
            else if (step >= 2) {
                int page = step - 2;
                if (cancelled) {
                    state = "FAILED";
                    error = error("Query was canceled", 3, "USER_CANCELED", "USER_ERROR", false);
                    last = true;
                }
                else {
                    switch (kind) {
                        case ROWS -> {
                            columns = FakeJson.BIGINT_COLUMN + "," + FakeJson.varcharColumn("name");
                            int pages = (rows + pageSize - 1) / pageSize;
                            if (page < pages) {
                                StringBuilder rowsJson = new StringBuilder("[");
                                for (int row = page * pageSize; row < Math.min(rows, (page + 1) * pageSize); row++) {
                                    rowsJson.append(row == page * pageSize ? "" : ",").append("[").append(row).append(",\"v").append(row).append("\"]");
                                }
                                data = rowsJson.append("]").toString();
                                die = dies && page == 1;
                            }
                            else {
                                state = "FINISHED";
                                last = true;
                            }
                        }
                        case FAIL -> {
                            state = "FAILED";
                            error = failName.equals("SYNTAX_ERROR")
                                    ? error("line 1:1: mismatched input '" + sql.trim().split("\\s+")[0] + "'. Expecting: 'SELECT'", 1, "SYNTAX_ERROR", "USER_ERROR", true)
                                    : error("Failed on purpose: " + failName, 65536, failName, failType, false);
                            last = true;
                        }
                        case NEXTURI_IN_DATA -> {
                            columns = FakeJson.varcharColumn("text") + "," + FakeJson.mapColumn("m");
                            if (page == 0) {
                                data = nextUriInData();
                            }
                            else {
                                state = "FINISHED";
                                last = true;
                            }
                        }
                        case BLOCK -> {
                            // nothing yet
                        }
                        case SPOOLED -> {
                            columns = FakeJson.BIGINT_COLUMN + "," + FakeJson.varcharColumn("name");
                            if (page == 0) {
                                data = spooledData();
                            }
                            else {
                                state = "FINISHED";
                                last = true;
                            }
                        }
                        case SETHDR -> {
                            // Like SET SESSION / USE: an update; as Trino does, every page from the first
                            // with the result on repeats the session changes (clients keep the last page's).
                            columns = "{\"name\":\"result\",\"type\":\"boolean\",\"typeSignature\":{\"rawType\":\"boolean\",\"arguments\":[]}}";
                            updateType = "SET SESSION";
                            headers.put("X-Trino-Set-Catalog", List.of("newcat"));
                            headers.put("X-Trino-Set-Schema", List.of("newschema"));
                            headers.put("X-Trino-Set-Session", List.of("query_max_run_time=1h", "fake_property=a%20b"));
                            if (page == 0) {
                                data = "[[true]]";
                            }
                            else {
                                state = "FINISHED";
                                last = true;
                                if (sql.contains("txn")) {
                                    headers.put("X-Trino-Started-Transaction-Id", List.of(transactionId));
                                }
                            }
                        }
                    }
                }
            }
            String nextUri = last ? null : endpoint() + path(step + 1);
            if (nextUri != null) {
                issuedNextUris.add(nextUri);
            }
            if (last) {
                finalServed = true;
            }
            StringBuilder json = new StringBuilder(256);
            json.append("{\"id\":").append(FakeJson.quote(id));
            json.append(",\"infoUri\":").append(FakeJson.quote(endpoint() + "/ui/query.html?" + id));
            if (nextUri != null) {
                json.append(",\"nextUri\":").append(FakeJson.quote(nextUri));
            }
            if (columns != null) {
                json.append(",\"columns\":[").append(columns).append("]");
            }
            if (data != null) {
                json.append(",\"data\":").append(data);
            }
            json.append(",\"stats\":{\"state\":\"").append(state).append("\",\"queued\":").append(state.equals("QUEUED"))
                    .append(",\"scheduled\":").append(!state.equals("QUEUED"))
                    .append(",\"nodes\":1,\"totalSplits\":0,\"queuedSplits\":0,\"runningSplits\":0,\"completedSplits\":0,\"cpuTimeMillis\":0,\"wallTimeMillis\":0")
                    .append(",\"queuedTimeMillis\":0,\"elapsedTimeMillis\":").append(step * 10)
                    .append(",\"processedRows\":0,\"processedBytes\":0,\"physicalInputBytes\":0,\"peakMemoryBytes\":0,\"spilledBytes\":0}");
            if (error != null) {
                json.append(",\"error\":").append(error);
            }
            json.append(",\"warnings\":[]");
            if (updateType != null) {
                json.append(",\"updateType\":").append(FakeJson.quote(updateType));
            }
            json.append("}");
            byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
            return new Reply(200, "application/json", body, headers, die ? Mode.DIE : Mode.NORMAL);
        }

        private String error(String message, int code, String name, String type, boolean location)
        {
            String where = location ? ",\"errorLocation\":{\"lineNumber\":1,\"columnNumber\":1}" : "";
            return "{\"message\":" + FakeJson.quote(message) + ",\"errorCode\":" + code + ",\"errorName\":\"" + name + "\",\"errorType\":\"" + type + "\""
                    + where
                    + ",\"failureInfo\":{\"type\":\"io.trino.sql.parser.ParsingException\",\"message\":" + FakeJson.quote(message)
                    + ",\"suppressed\":[],\"stack\":[]" + where + "}}";
        }

        private String spooledData()
        {
            // Rows 0-1 inline, 2-3 and 4-5 in spooled segments.
            byte[] inline = "[[0,\"s0\"],[1,\"s1\"]]".getBytes(StandardCharsets.UTF_8);
            StringBuilder json = new StringBuilder("{\"encoding\":\"json\",\"segments\":[");
            json.append("{\"type\":\"inline\",\"data\":\"").append(Base64.getEncoder().encodeToString(inline))
                    .append("\",\"metadata\":{\"segmentSize\":").append(inline.length).append(",\"rowOffset\":0,\"rowsCount\":2}}");
            for (int segment = 0; segment < 2; segment++) {
                int first = 2 + segment * 2;
                byte[] bytes = ("[[" + first + ",\"s" + first + "\"],[" + (first + 1) + ",\"s" + (first + 1) + "\"]]").getBytes(StandardCharsets.UTF_8);
                String segmentId = "seg" + segment + "-" + UUID.randomUUID().toString().replace("-", "");
                segments.put(segmentId, bytes);
                json.append(",{\"type\":\"spooled\",\"uri\":").append(FakeJson.quote(endpoint() + "/v1/spooled/download/" + segmentId))
                        .append(",\"ackUri\":").append(FakeJson.quote(endpoint() + "/v1/spooled/ack/" + segmentId))
                        .append(",\"metadata\":{\"segmentSize\":").append(bytes.length).append(",\"rowOffset\":").append(first).append(",\"rowsCount\":2}")
                        .append(",\"headers\":{\"" + SEGMENT_HEADER + "\":[\"1\"]}}");
            }
            return json.append("]}").toString();
        }
    }

    private static int intArg(String[] words, int index, int defaultValue)
    {
        if (words.length <= index) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(words[index]);
        }
        catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** Data of {@code nexturi-in-data}: values that look like protocol fields, with escapes a proxy must keep byte for byte. */
    private static String nextUriInData()
    {
        String text1 = "{\"nextUri\":\"http://evil/v1/statement/executing/x/y/1\"}";
        String text2 = "\"nextUri\":\"http://evil/steal\" and a backslash \\ and \"quotes\"";
        return "[[" + FakeJson.quote(text1) + ",{\"nextUri\":\"http://evil/v1/statement/executing/x/y/2\",\"say \\\"hi\\\"\":\"a \\\"quoted\\\" \\\\ value\"}]"
                + ",[" + FakeJson.quote(text2) + ",{\"k\":\"\\u0022nextUri\\u0022:\\u0022http://evil/u\\u0022\",\"uri\":\"http:\\/\\/evil\\/slash\"}]"
                + ",[\"\\\"nextUri\\\":\\\"http://evil/3\\\"\",{}]]";
    }

    // ---- replies ----

    /** Ends a response on purpose; Jetty logs it quietly. */
    private static final class Abort
            extends IOException
            implements QuietException
    {
        Abort(String message)
        {
            super(message);
        }
    }

    private enum Mode
    {
        NORMAL, DIE, CLOSE
    }

    private record Reply(int status, String contentType, byte[] body, Map<String, List<String>> headers, Mode mode)
    {
        static Reply text(int status, String text)
        {
            return new Reply(status, "text/plain", text.getBytes(StandardCharsets.UTF_8), Map.of(), Mode.NORMAL);
        }

        static Reply json(int status, byte[] body, Map<String, List<String>> headers)
        {
            return new Reply(status, "application/json", body, headers, Mode.NORMAL);
        }

        static Reply empty(int status)
        {
            return new Reply(status, null, new byte[0], Map.of(), Mode.NORMAL);
        }

        static Reply close()
        {
            return new Reply(0, null, new byte[0], Map.of(), Mode.CLOSE);
        }

        void send(Request request, Response response, Callback callback)
                throws Exception
        {
            if (mode == Mode.CLOSE) {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new Abort("The fake coordinator closed the connection"));
                return;
            }
            response.setStatus(status);
            headers.forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
            if (contentType != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            }
            if (status != 204 && status != 304) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            }
            if (request.getMethod().equals("HEAD")) {
                response.write(true, null, callback);
                return;
            }
            if (mode == Mode.DIE) {
                FutureCallback written = new FutureCallback();
                response.write(false, ByteBuffer.wrap(body, 0, body.length / 2), written);
                written.get(10, TimeUnit.SECONDS);
                // The response is committed and half sent: failing it aborts the connection.
                callback.failed(new Abort("The fake coordinator died mid-body"));
                return;
            }
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }
}
