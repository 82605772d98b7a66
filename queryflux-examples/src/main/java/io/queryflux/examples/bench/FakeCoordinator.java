package io.queryflux.examples.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A trivially fast stand-in for a Trino coordinator, for measuring what relaying adds per round
 * trip: {@code POST /v1/statement} answers a QUEUED page whose {@code nextUri} leads to one FINISHED
 * page with {@code [[1]]} (the shape of Trino's answer to {@code SELECT 1}), with the stats fields
 * trino-jdbc reads. {@code GET /v1/info} says it is a started Trino 476; DELETE and HEAD succeed.
 * Nothing is remembered between requests.
 */
final class FakeCoordinator
        implements AutoCloseable
{
    private static final String STATS = "{\"state\":\"%s\",\"queued\":%s,\"scheduled\":%s,\"nodes\":1,\"totalSplits\":1,\"queuedSplits\":0,"
            + "\"runningSplits\":0,\"completedSplits\":%d,\"cpuTimeMillis\":0,\"wallTimeMillis\":0,\"queuedTimeMillis\":0,\"elapsedTimeMillis\":1,"
            + "\"processedRows\":0,\"processedBytes\":0,\"physicalInputBytes\":0,\"peakMemoryBytes\":0,\"spilledBytes\":0}";
    private static final byte[] INFO = "{\"nodeVersion\":{\"version\":\"476\"},\"environment\":\"bench\",\"coordinator\":true,\"starting\":false,\"uptime\":\"1.00m\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final String base;

    private FakeCoordinator(HttpServer server, ExecutorService executor)
    {
        this.server = server;
        this.executor = executor;
        this.base = "http://" + BenchSupport.LOOPBACK + ":" + server.getAddress().getPort();
    }

    static FakeCoordinator start(int threads)
            throws IOException
    {
        // The JDK server leaves Nagle on by default; with headers and body written apart, a small
        // response could then wait for the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(BenchSupport.LOOPBACK), 0), 512);
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "fake-coordinator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        FakeCoordinator coordinator = new FakeCoordinator(server, executor);
        server.createContext("/", coordinator::handle);
        server.start();
        return coordinator;
    }

    URI uri()
    {
        return URI.create(base);
    }

    long queries()
    {
        return queries.get();
    }

    long requests()
    {
        return requests.get();
    }

    /** TCP connections clients opened to it so far (distinct client ports). */
    int connections()
    {
        return clientPorts.size();
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            requests.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("GET") && path.equals("/v1/info")) {
                send(exchange, 200, INFO);
            }
            else if (method.equals("POST") && path.equals("/v1/statement")) {
                String id = queryId(queries.incrementAndGet());
                send(exchange, 200, queued(id));
            }
            else if (method.equals("GET") && path.startsWith("/v1/statement/queued/")) {
                String id = path.substring("/v1/statement/queued/".length(), path.indexOf('/', "/v1/statement/queued/".length()));
                send(exchange, 200, finished(id));
            }
            else if (method.equals("DELETE")) {
                exchange.sendResponseHeaders(204, -1);
            }
            else if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, -1);
            }
            else {
                send(exchange, 404, ("{\"error\":\"no " + method + " " + path + "\"}").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String queryId(long number)
    {
        return String.format("20260101_000000_%05d_bench", number % 100_000);
    }

    private byte[] queued(String id)
    {
        return ("{\"id\":\"" + id + "\",\"infoUri\":\"" + base + "/ui/query.html?" + id + "\",\"nextUri\":\"" + base + "/v1/statement/queued/" + id + "/y0/1\","
                + "\"stats\":" + String.format(STATS, "QUEUED", "true", "false", 0) + ",\"warnings\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] finished(String id)
    {
        return ("{\"id\":\"" + id + "\",\"infoUri\":\"" + base + "/ui/query.html?" + id + "\","
                + "\"columns\":[{\"name\":\"_col0\",\"type\":\"integer\",\"typeSignature\":{\"rawType\":\"integer\",\"arguments\":[]}}],"
                + "\"data\":[[1]],\"stats\":" + String.format(STATS, "FINISHED", "false", "true", 1) + ",\"warnings\":[]}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, byte[] body)
            throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
