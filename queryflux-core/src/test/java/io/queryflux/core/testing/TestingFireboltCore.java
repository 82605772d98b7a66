package io.queryflux.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.queryflux.core.testing.TestingFireboltCoreEngine.Execution;
import io.queryflux.core.testing.TestingFireboltCoreErrors.Failure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process Firebolt Core engine for tests: Firebolt's HTTP protocol (one POST per statement, the
 * SQL as the body, settings and session as query parameters, results in {@code JSONLines_Compact},
 * {@code JSON_Compact} or {@code TabSeparatedWithNamesAndTypes}, Firebolt-shaped errors, and the
 * {@code Firebolt-Update-Parameters} / {@code Firebolt-Remove-Parameters} session headers) over an
 * in-memory DuckDB database; see {@link TestingFireboltCoreEngine} for the statements it understands.
 *
 * <p>Tests can also script the exact answer to a statement, make the engine die mid-result, hold
 * writes inside the engine, and read back every request it received.
 */
public final class TestingFireboltCore
        implements AutoCloseable
{
    private static final Set<String> FORMATS = Set.of(
            TestingFireboltCoreWriter.JSON_LINES,
            TestingFireboltCoreWriter.JSON_COMPACT,
            TestingFireboltCoreWriter.JSON_COMPACT_LIMITED,
            TestingFireboltCoreWriter.TAB_SEPARATED);

    private final HttpServer server;
    private final ExecutorService executor;
    private final TestingFireboltCoreEngine engine = new TestingFireboltCoreEngine();
    private final AtomicLong rowsSent = new AtomicLong();
    private final TestingFireboltCoreWriter writer = new TestingFireboltCoreWriter(rowsSent);
    private final List<Request> requests = new ArrayList<>(); // guarded by itself
    private final Map<String, Scripted> scripts = new ConcurrentHashMap<>();
    private final Map<String, Long> deaths = new ConcurrentHashMap<>();

    /** A request as the engine received it. */
    public record Request(String path, Map<String, String> parameters, String sql, String protocolVersion) {}

    /** A canned answer: status, headers (a name may repeat) and body. */
    public record Scripted(int status, List<Map.Entry<String, String>> headers, String body)
    {
        /** {@code headers} alternate names and values. */
        public static Scripted of(int status, String body, String... headers)
        {
            List<Map.Entry<String, String>> entries = new ArrayList<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                entries.add(Map.entry(headers[i], headers[i + 1]));
            }
            return new Scripted(status, List.copyOf(entries), body);
        }
    }

    private TestingFireboltCore(HttpServer server, ExecutorService executor)
    {
        this.server = server;
        this.executor = executor;
    }

    public static TestingFireboltCore start()
    {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "testing-firebolt-core");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            TestingFireboltCore core = new TestingFireboltCore(server, executor);
            server.createContext("/", core::handle);
            server.start();
            return core;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine's base URL, e.g. {@code http://127.0.0.1:43210}. */
    public String endpoint()
    {
        return "http://127.0.0.1:" + port();
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    /** Runs statements directly on the database, e.g. to create tables ({@code CREATE SCHEMA x} makes database x). */
    public void execute(String... sql)
    {
        try {
            engine.run(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Setup failed: " + Arrays.toString(sql), e);
        }
    }

    /** Answers exactly {@code response} to the statement {@code sql} (compared without surrounding whitespace). */
    public void script(String sql, Scripted response)
    {
        scripts.put(sql.strip(), response);
    }

    /** Drops the connection after streaming {@code rows} rows of {@code sql} in JSONLines_Compact. */
    public void dieAfterRows(String sql, long rows)
    {
        deaths.put(sql.strip(), rows);
    }

    public List<Request> requests()
    {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests whose SQL is {@code sql}. */
    public List<Request> requests(String sql)
    {
        return requests().stream().filter(request -> request.sql().strip().equals(sql.strip())).toList();
    }

    public void clearRequests()
    {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Makes every write wait inside the engine, holding the engine's single write transaction. */
    public void holdWrites()
    {
        engine.writes().hold();
    }

    public void releaseWrites()
    {
        engine.writes().release();
    }

    /** How many writes wait inside the engine because of {@link #holdWrites()}. */
    public int writesHeld()
    {
        return engine.writes().writesAtGate();
    }

    /** How many writes the engine refused because another write transaction was active. */
    public int rejectedWrites()
    {
        return engine.writes().rejectedWrites();
    }

    public int openTransactions()
    {
        return engine.openTransactions();
    }

    /** Rows written to clients so far, in any format. */
    public long rowsSent()
    {
        return rowsSent.get();
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        boolean died = false;
        try {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String sql = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestURI().getPath(), parameters, sql, exchange.getRequestHeaders().getFirst("Firebolt-Protocol-Version")));
            }
            Scripted scripted = scripts.get(sql.strip());
            if (scripted != null) {
                answer(exchange, scripted);
                return;
            }
            respond(exchange, sql, parameters);
        }
        catch (TestingFireboltCoreWriter.EngineDied e) {
            died = true;
            // Escaping the handler makes the server drop the connection without ending the chunked body.
            throw e;
        }
        finally {
            if (!died) {
                exchange.close();
            }
        }
    }

    private void respond(HttpExchange exchange, String sql, Map<String, String> parameters)
            throws IOException
    {
        String label = parameters.getOrDefault("query_label", "");
        String format = parameters.getOrDefault("output_format", TestingFireboltCoreWriter.TAB_SEPARATED);
        if (!FORMATS.contains(format)) {
            TestingFireboltCoreWriter.writeFailure(exchange, Failure.user("INVALID_OUTPUT_FORMAT", "Unknown output_format " + format), label);
            return;
        }
        Execution execution;
        try {
            execution = engine.execute(sql, parameters);
        }
        catch (Failure failure) {
            TestingFireboltCoreWriter.writeFailure(exchange, failure, label);
            return;
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable statementDone = () -> {
            if (closed.compareAndSet(false, true)) {
                execution.onClose().run();
            }
        };
        try {
            execution.headers().forEach((name, values) -> values.forEach(value -> exchange.getResponseHeaders().add(name, value)));
            writer.writeResult(exchange, format, execution.resultSet(), sql, label, deaths.getOrDefault(sql.strip(), -1L), statementDone);
        }
        catch (SQLException e) {
            throw new IOException("Cannot read the DuckDB result", e);
        }
        finally {
            statementDone.run();
        }
    }

    private static void answer(HttpExchange exchange, Scripted scripted)
            throws IOException
    {
        scripted.headers().forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
        byte[] body = scripted.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(scripted.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> parameters(String query)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    @Override
    public void close()
    {
        engine.writes().release();
        server.stop(0);
        executor.shutdownNow();
        engine.close();
    }
}
