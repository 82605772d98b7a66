package io.queryflux.examples.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static io.queryflux.examples.bench.RelayOverheadBench.USER;
import static io.queryflux.examples.bench.RelayOverheadBench.httpClient;
import static io.queryflux.examples.bench.RelayOverheadBench.nextUri;
import static io.queryflux.examples.bench.RelayOverheadBench.yaml;

/**
 * Parts (b) and (c) of {@link RelayOverheadBench}: a large result from a real Trino
 * ({@link TrinoLauncher}), read directly and through QueryFlux with trino-jdbc and as raw bytes, and
 * the QueryFlux server's heap while it relays them.
 */
final class RelayThroughput
{
    private RelayThroughput() {}

    static void run(Path directory, List<String> summary)
            throws Exception
    {
        String sql = BenchSupport.stringProperty("bench.largeSql", "SELECT * FROM tpch.sf1.lineitem LIMIT 300000");
        int rounds = BenchSupport.intProperty("bench.rounds", 5);
        int warmups = BenchSupport.intProperty("bench.warmups", 3);
        String heap = BenchSupport.stringProperty("bench.serverHeap", "256m");
        BenchSupport.LoadSamples load = new BenchSupport.LoadSamples();
        BenchSupport.log("(b) starting Trino ...");
        try (TrinoLauncher trino = TrinoLauncher.start(directory);
                ServerProcess server = ServerProcess.start(directory, "queryflux-trino", yaml(trino.uri()), heap, List.of())) {
            BenchSupport.log("(b) Trino at %s (pid %d, log %s); QueryFlux at %s (pid %d), relaying to it", trino.uri(), trino.pid(), trino.log(), server.uri(), server.pid());
            Properties properties = new Properties();
            properties.setProperty("user", USER);
            HttpClient http = httpClient();
            List<DuckDbStreamingBench.Run> jdbcDirect = new ArrayList<>();
            List<DuckDbStreamingBench.Run> jdbcProxy = new ArrayList<>();
            List<Double> rawDirect = new ArrayList<>();
            List<Double> rawProxy = new ArrayList<>();
            List<String> memory = new ArrayList<>();
            long rawBytes = 0;
            summary.add("(b) response compression when the client sends Accept-Encoding: gzip (as trino-jdbc does): direct "
                    + compressionProbe(http, trino.uri(), sql) + "; through QueryFlux " + compressionProbe(http, server.uri(), sql));
            Properties uncompressed = new Properties();
            uncompressed.putAll(properties);
            uncompressed.setProperty("disableCompression", "true");
            List<DuckDbStreamingBench.Run> jdbcPlain = new ArrayList<>();
            Map<String, double[]> rawThreads = new TreeMap<>();
            try (Connection direct = DriverManager.getConnection(trino.jdbcUrl(), properties);
                    Connection directPlain = DriverManager.getConnection(trino.jdbcUrl(), uncompressed);
                    Connection proxy = DriverManager.getConnection("jdbc:trino://" + server.uri().getAuthority(), properties)) {
                for (int round = -warmups; round < rounds; round++) {
                    boolean measured = round >= 0;
                    String label = measured ? "round " + (round + 1) : "warm-up";
                    load.sample();
                    DuckDbStreamingBench.Run d = DuckDbStreamingBench.run(direct, sql, null);
                    load.sample();
                    DuckDbStreamingBench.Run dp = DuckDbStreamingBench.run(directPlain, sql, null);
                    load.sample();
                    int gcBefore = server.gcEvents().size();
                    DuckDbStreamingBench.Run p = DuckDbStreamingBench.run(proxy, sql, server);
                    List<ServerProcess.GcEvent> during = server.gcEvents();
                    during = during.subList(gcBefore, during.size());
                    if (d.rows() != p.rows()) {
                        throw new IllegalStateException("Row counts differ: direct " + d.rows() + ", proxy " + p.rows());
                    }
                    load.sample();
                    long startRaw = System.nanoTime();
                    long bytesDirect = rawLarge(http, trino.uri(), sql);
                    double secondsDirect = (System.nanoTime() - startRaw) / 1e9;
                    load.sample();
                    gcBefore = server.gcEvents().size();
                    Map<String, double[]> threadsBefore = server.threadCpu();
                    startRaw = System.nanoTime();
                    long bytesProxy = rawLarge(http, server.uri(), sql);
                    double secondsProxy = (System.nanoTime() - startRaw) / 1e9;
                    if (measured) {
                        Map<String, double[]> threadsAfter = server.threadCpu();
                        threadsAfter.forEach((name, cpu) -> {
                            double[] before = threadsBefore.getOrDefault(name, new double[4]);
                            double[] sum = rawThreads.computeIfAbsent(name, ignored -> new double[4]);
                            for (int i = 0; i < 4; i++) {
                                sum[i] += cpu[i] - before[i];
                            }
                        });
                    }
                    List<ServerProcess.GcEvent> duringRaw = server.gcEvents();
                    duringRaw = duringRaw.subList(gcBefore, duringRaw.size());
                    server.fullGc();
                    ServerProcess.sleep(200);
                    List<ServerProcess.GcEvent> all = server.gcEvents();
                    String afterFull = all.isEmpty() ? "n/a" : BenchSupport.format("%.1f MB", all.get(all.size() - 1).afterMb());
                    String line = BenchSupport.format("%s: jdbc relay: %d GCs, heap after GC max %s; raw relay: %d GCs, heap after GC max %s; after full GC (jcmd GC.run): %s",
                            label, during.size(), maxAfter(during), duringRaw.size(), maxAfter(duringRaw), afterFull);
                    memory.add(line);
                    BenchSupport.log("  (b) %s: jdbc direct %s rows/s (%.2f s) | direct, disableCompression %s rows/s (%.2f s) | proxy %s rows/s (%.2f s, server cpu %.2f s) | ratio %.3f (vs uncompressed direct %.3f); checksums %s",
                            label, BenchSupport.format(d.rowsPerSecond()), d.seconds(), BenchSupport.format(dp.rowsPerSecond()), dp.seconds(),
                            BenchSupport.format(p.rowsPerSecond()), p.seconds(), p.serverCpu(),
                            p.rowsPerSecond() / d.rowsPerSecond(), p.rowsPerSecond() / dp.rowsPerSecond(),
                            d.checksum() == p.checksum() ? "equal" : "differ (LIMIT without ORDER BY picks any rows)");
                    BenchSupport.log("  (b) %s: raw direct %.1f MB/s (%.2f s, %,d bytes) | proxy %.1f MB/s (%.2f s, %,d bytes) | ratio %.3f",
                            label, bytesDirect / secondsDirect / 1e6, secondsDirect, bytesDirect, bytesProxy / secondsProxy / 1e6, secondsProxy, bytesProxy,
                            (bytesProxy / secondsProxy) / (bytesDirect / secondsDirect));
                    BenchSupport.log("  (c) %s", line);
                    if (measured) {
                        jdbcDirect.add(d);
                        jdbcPlain.add(dp);
                        jdbcProxy.add(p);
                        rawDirect.add(bytesDirect / secondsDirect);
                        rawProxy.add(bytesProxy / secondsProxy);
                        rawBytes = bytesProxy;
                    }
                }
            }
            double directRate = BenchSupport.median(jdbcDirect.stream().map(DuckDbStreamingBench.Run::rowsPerSecond).toList());
            double proxyRate = BenchSupport.median(jdbcProxy.stream().map(DuckDbStreamingBench.Run::rowsPerSecond).toList());
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < jdbcDirect.size(); i++) {
                ratios.add(jdbcProxy.get(i).rowsPerSecond() / jdbcDirect.get(i).rowsPerSecond());
            }
            summary.add("(b) " + sql + ", trino-jdbc reading every column, medians of " + rounds + " interleaved rounds:");
            double plainRate = BenchSupport.median(jdbcPlain.stream().map(DuckDbStreamingBench.Run::rowsPerSecond).toList());
            List<Double> plainRatios = new ArrayList<>();
            for (int i = 0; i < jdbcPlain.size(); i++) {
                plainRatios.add(jdbcProxy.get(i).rowsPerSecond() / jdbcPlain.get(i).rowsPerSecond());
            }
            summary.add(BenchSupport.format("  direct %s rows/s, QueryFlux %s rows/s; ratio %.3f (of medians), %.3f (median of per-round ratios); server cpu median %.2f s/query",
                    BenchSupport.format(directRate), BenchSupport.format(proxyRate), proxyRate / directRate, BenchSupport.median(ratios),
                    BenchSupport.median(jdbcProxy.stream().map(DuckDbStreamingBench.Run::serverCpu).toList())));
            summary.add(BenchSupport.format("  direct with disableCompression=true %s rows/s; QueryFlux/that: %.3f (of medians), %.3f (median of per-round ratios)",
                    BenchSupport.format(plainRate), proxyRate / plainRate, BenchSupport.median(plainRatios)));
            List<Double> rawRatios = new ArrayList<>();
            for (int i = 0; i < rawDirect.size(); i++) {
                rawRatios.add(rawProxy.get(i) / rawDirect.get(i));
            }
            summary.add(BenchSupport.format("  raw HTTP (bytes only, %,d bytes/query): direct %.1f MB/s, QueryFlux %.1f MB/s; ratio %.3f (of medians), %.3f (median of per-round ratios)",
                    rawBytes, BenchSupport.median(rawDirect) / 1e6, BenchSupport.median(rawProxy) / 1e6,
                    BenchSupport.median(rawProxy) / BenchSupport.median(rawDirect), BenchSupport.median(rawRatios)));
            List<String> threadLines = BenchSupport.threadCpuDelta(new TreeMap<>(), rawThreads, 0.05);
            summary.add("  QueryFlux CPU by thread over the measured raw relays (" + rounds + " x " + BenchSupport.format("%,d", rawBytes) + " bytes): " + threadLines.get(0));
            threadLines.subList(1, threadLines.size()).forEach(line -> summary.add("    " + line));
            summary.add("(c) QueryFlux heap (-Xmx" + heap + ") per round:");
            memory.forEach(line -> summary.add("  " + line));
            summary.add("(c) whole run: " + ServerProcess.heapSummary(server.gcEvents()) + "; server alive " + server.isAlive()
                    + ", OutOfMemoryError " + server.sawOutOfMemoryError() + "; GC log " + server.gcLog());
            summary.add("(b) " + load.summary());
        }
    }

    /** Which Content-Encoding the first page with data comes with when the client accepts gzip, and its size on the wire. */
    private static String compressionProbe(HttpClient http, URI base, String sql)
            throws IOException, InterruptedException
    {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/statement"))
                .header("X-Trino-User", USER)
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        String found = "no page with data";
        URI cancel = null;
        for (int page = 0; page < 50; page++) {
            String encoding = response.headers().firstValue("Content-Encoding").orElse("none");
            byte[] body = response.body();
            byte[] plain = encoding.equalsIgnoreCase("gzip") ? new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes() : body;
            String next = nextUri(plain);
            if (next == null) {
                break;
            }
            cancel = URI.create(next);
            if (new String(plain, 0, Math.min(plain.length, 100_000), StandardCharsets.UTF_8).contains("\"data\":")) {
                found = BenchSupport.format("Content-Encoding %s (%,d bytes on the wire for %,d bytes of JSON)", encoding, body.length, plain.length);
                break;
            }
            response = http.send(HttpRequest.newBuilder(cancel).header("X-Trino-User", USER).header("Accept-Encoding", "gzip").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        if (cancel != null) {
            http.send(HttpRequest.newBuilder(cancel).header("X-Trino-User", USER).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
        return found;
    }

    private static String maxAfter(List<ServerProcess.GcEvent> events)
    {
        return events.isEmpty() ? "-" : BenchSupport.format("%.1f MB", events.stream().mapToDouble(ServerProcess.GcEvent::afterMb).max().orElseThrow());
    }

    /** Runs {@code sql} over raw HTTP, following nextUri; returns the bytes of all pages. */
    private static long rawLarge(HttpClient http, URI base, String sql)
            throws IOException, InterruptedException
    {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/statement"))
                .header("X-Trino-User", USER)
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        long bytes = 0;
        while (true) {
            byte[] body = response.body();
            bytes += body.length;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(body, StandardCharsets.UTF_8));
            }
            String next = nextUri(body);
            if (next == null) {
                String text = new String(body, 0, Math.min(body.length, 65536), StandardCharsets.UTF_8);
                if (text.contains("\"FAILED\"")) {
                    throw new IllegalStateException("Query failed: " + text);
                }
                return bytes;
            }
            response = http.send(HttpRequest.newBuilder(URI.create(next)).header("X-Trino-User", USER).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
