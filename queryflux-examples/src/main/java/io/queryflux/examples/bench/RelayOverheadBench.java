package io.queryflux.examples.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What relaying a query to Trino through QueryFlux ({@code engine: trino}) costs, against talking to
 * the coordinator directly, interleaved:
 *
 * <ol type="a">
 * <li>latency: the full cycle of {@code SELECT 1} (POST plus every poll until no {@code nextUri})
 *     against an in-bench {@link FakeCoordinator}, with raw java.net.http requests and with
 *     trino-jdbc; p50/p95/p99 per query and the overhead per HTTP round trip;</li>
 * <li>throughput: {@code SELECT * FROM tpch.sf1.lineitem LIMIT 300000} against a real Trino 476
 *     ({@link TrinoLauncher}) read with trino-jdbc (every column of every row): directly (trino-jdbc
 *     asks for gzip, which Trino then uses), directly with {@code disableCompression=true}, and
 *     through QueryFlux (which does not forward {@code Accept-Encoding}, so pages arrive plain; the
 *     bench probes and prints the encoding each path gets); and as raw bytes over java.net.http;</li>
 * <li>memory: the QueryFlux server's heap (its own JVM, {@code -Xmx256m}, GC logged) while it relays
 *     the large results: heap after every GC during each query, and after a full GC between queries.</li>
 * </ol>
 *
 * <p>Run from the repository root (part b needs a Trino installation; see {@link TrinoLauncher}):
 *
 * <pre>{@code
 * mvn -q -Dqf.target=target-bench -Pbench -pl queryflux-examples -am package -DskipTests
 * mvn -q -Dqf.target=target-bench -Pit -pl queryflux-jetty dependency:unpack@unpack-trino-server
 * java -Xmx1g -cp queryflux-examples/target-bench/classes:$(cat queryflux-examples/target-bench/bench.classpath) \
 *      io.queryflux.examples.bench.RelayOverheadBench
 * }</pre>
 *
 * System properties (all optional): {@code bench.parts} ({@code a,b}); part a: {@code bench.queries}
 * (5000 raw cycles per side), {@code bench.jdbcQueries} (1000 per side; 0 skips), {@code bench.block}
 * (250 cycles per interleaved block), {@code bench.warmupQueries} (6000 per side); part b:
 * {@code bench.largeSql}, {@code bench.rounds} (5), {@code bench.warmups} (3); both:
 * {@code bench.serverHeap} ({@code 256m}), {@code bench.serverJava}, {@code bench.serverJvmOptions}
 * (e.g. a JFR recording, see {@link JfrTop}), {@code bench.dir}; and those of {@link TrinoLauncher}.
 */
public final class RelayOverheadBench
{
    private static final String USER = "bench";

    private RelayOverheadBench() {}

    public static void main(String[] args)
            throws Exception
    {
        List<String> parts = List.of(BenchSupport.stringProperty("bench.parts", "a,b").split(","));
        Path directory = BenchSupport.runDirectory("relay");
        BenchSupport.log("RelayOverheadBench: parts %s; files in %s; %d cores, java %s", parts, directory,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<String> summary = new ArrayList<>();
        if (parts.contains("a")) {
            latency(directory, summary);
        }
        if (parts.contains("b")) {
            throughput(directory, summary);
        }
        System.out.println();
        System.out.println("==== RelayOverheadBench summary ====");
        summary.forEach(System.out::println);
        System.out.println("Load now: " + BenchSupport.loadAverage());
        System.out.println("Files: " + directory);
    }

    // ---- (a) latency of SELECT 1 against a fake coordinator ----

    private static void latency(Path directory, List<String> summary)
            throws Exception
    {
        int queries = BenchSupport.intProperty("bench.queries", 5000);
        int jdbcQueries = BenchSupport.intProperty("bench.jdbcQueries", 1000);
        int block = BenchSupport.intProperty("bench.block", 250);
        // C2 was still compiling the relay path after 2000 cycles per side.
        int warmup = BenchSupport.intProperty("bench.warmupQueries", 6000);
        String heap = BenchSupport.stringProperty("bench.serverHeap", "256m");
        BenchSupport.LoadSamples load = new BenchSupport.LoadSamples();
        try (FakeCoordinator fake = FakeCoordinator.start(4);
                ServerProcess server = ServerProcess.start(directory, "queryflux-fake", yaml(fake.uri()), heap, List.of())) {
            BenchSupport.log("(a) fake coordinator at %s; QueryFlux at %s (pid %d), relaying to it", fake.uri(), server.uri(), server.pid());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            Sides raw = new Sides();
            interleave(warmup, block, null, side -> rawCycle(http, side == 0 ? fake.uri() : server.uri(), "SELECT 1"));
            double serverCpu = server.cpuSeconds();
            Map<String, double[]> threadsBefore = server.threadCpu();
            Map<String, double[]> ownThreadsBefore = BenchSupport.threadCpuSeconds(ProcessHandle.current().pid());
            interleave(queries, block, load, side -> {
                long start = System.nanoTime();
                int roundTrips = rawCycle(http, side == 0 ? fake.uri() : server.uri(), "SELECT 1");
                raw.add(side, (System.nanoTime() - start) / 1e3, roundTrips);
            });
            serverCpu = server.cpuSeconds() - serverCpu;
            List<String> threadCpu = BenchSupport.threadCpuDelta(threadsBefore, server.threadCpu(), 0.05);
            List<String> ownThreadCpu = BenchSupport.threadCpuDelta(ownThreadsBefore, BenchSupport.threadCpuSeconds(ProcessHandle.current().pid()), 0.05);
            summary.addAll(raw.report("(a) SELECT 1, raw java.net.http (POST + polls until no nextUri)"));
            summary.add(BenchSupport.format("  QueryFlux server CPU: %.1f us per relayed round trip (%.2f s over %d round trips; includes its GC and JIT)",
                    serverCpu * 1e6 / raw.roundTrips(1), serverCpu, raw.roundTrips(1)));
            summary.add("  QueryFlux server CPU and context switches by thread during the " + raw.roundTrips(1) + " relayed round trips: " + threadCpu.get(0));
            threadCpu.subList(1, threadCpu.size()).forEach(line -> summary.add("    " + line));
            summary.add("  for comparison, the bench JVM (client for both sides, and the fake coordinator serving "
                    + (raw.roundTrips(0) + raw.roundTrips(1)) + " requests: threads fake-coordinator and HTTP-Dispatcher): " + ownThreadCpu.get(0));
            ownThreadCpu.subList(1, ownThreadCpu.size()).forEach(line -> summary.add("    " + line));
            BenchSupport.log("%s", String.join("\n", raw.report("(a) raw")));

            if (jdbcQueries > 0) {
                Properties properties = new Properties();
                properties.setProperty("user", USER);
                try (Connection direct = DriverManager.getConnection("jdbc:trino://" + fake.uri().getAuthority(), properties);
                        Connection proxy = DriverManager.getConnection("jdbc:trino://" + server.uri().getAuthority(), properties)) {
                    Sides jdbc = new Sides();
                    interleave(Math.min(warmup, jdbcQueries), block, null, side -> jdbcSelectOne(side == 0 ? direct : proxy));
                    double jdbcServerCpu = server.cpuSeconds();
                    interleave(jdbcQueries, block, load, side -> {
                        long start = System.nanoTime();
                        jdbcSelectOne(side == 0 ? direct : proxy);
                        jdbc.add(side, (System.nanoTime() - start) / 1e3, 2);
                    });
                    jdbcServerCpu = server.cpuSeconds() - jdbcServerCpu;
                    summary.addAll(jdbc.report("(a) SELECT 1, trino-jdbc executeQuery + next (2 round trips assumed, as raw)"));
                    summary.add(BenchSupport.format("  QueryFlux server CPU: %.1f us per relayed round trip", jdbcServerCpu * 1e6 / jdbc.roundTrips(1)));
                    BenchSupport.log("%s", String.join("\n", jdbc.report("(a) jdbc")));
                }
            }
            summary.add("(a) fake coordinator served " + fake.queries() + " queries, " + fake.requests() + " requests over " + fake.connections()
                    + " TCP connections (the bench client's and QueryFlux's); QueryFlux heap: " + ServerProcess.heapSummary(server.gcEvents())
                    + "; server alive " + server.isAlive() + ", OutOfMemoryError " + server.sawOutOfMemoryError());
            summary.add("(a) " + load.summary());
        }
    }

    /** POSTs {@code sql} and follows nextUri to the end; returns the number of HTTP round trips. */
    static int rawCycle(HttpClient http, URI base, String sql)
            throws IOException, InterruptedException
    {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/statement"))
                .header("X-Trino-User", USER)
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        int roundTrips = 1;
        while (true) {
            byte[] body = response.body();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(body, StandardCharsets.UTF_8));
            }
            String next = nextUri(body);
            if (next == null) {
                String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
                if (!text.contains("\"FINISHED\"")) {
                    throw new IllegalStateException("Query did not finish: " + text);
                }
                return roundTrips;
            }
            response = http.send(HttpRequest.newBuilder(URI.create(next)).header("X-Trino-User", USER).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            roundTrips++;
        }
    }

    private static final byte[] NEXT_URI = "\"nextUri\":\"".getBytes(StandardCharsets.US_ASCII);

    /** The first {@code "nextUri":"..."} in the body (Trino writes the top-level one before the data). */
    static String nextUri(byte[] body)
    {
        outer:
        for (int i = 0; i <= body.length - NEXT_URI.length; i++) {
            for (int j = 0; j < NEXT_URI.length; j++) {
                if (body[i + j] != NEXT_URI[j]) {
                    continue outer;
                }
            }
            int start = i + NEXT_URI.length;
            int end = start;
            while (body[end] != '"') {
                end++;
            }
            return new String(body, start, end - start, StandardCharsets.US_ASCII).replace("\\/", "/");
        }
        return null;
    }

    private static void jdbcSelectOne(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT 1")) {
            if (!resultSet.next() || resultSet.getInt(1) != 1 || resultSet.next()) {
                throw new IllegalStateException("SELECT 1 did not return one row of 1");
            }
        }
    }

    @FunctionalInterface
    interface SideTask
    {
        /** Runs once on {@code side} 0 (direct) or 1 (through QueryFlux). */
        void run(int side)
                throws Exception;
    }

    /** Runs {@code count} tasks per side in alternating blocks: direct block, proxy block, ... */
    private static void interleave(int count, int block, BenchSupport.LoadSamples load, SideTask task)
            throws Exception
    {
        for (int done = 0; done < count; done += block) {
            int size = Math.min(block, count - done);
            for (int side = 0; side < 2; side++) {
                if (load != null) {
                    load.sample();
                }
                for (int i = 0; i < size; i++) {
                    task.run(side);
                }
            }
        }
    }

    /** Latencies of both sides, in microseconds. */
    private static final class Sides
    {
        private final List<List<Double>> micros = List.of(new ArrayList<>(), new ArrayList<>());
        private final List<List<Integer>> roundTrips = List.of(new ArrayList<>(), new ArrayList<>());

        void add(int side, double latencyMicros, int trips)
        {
            micros.get(side).add(latencyMicros);
            roundTrips.get(side).add(trips);
        }

        long roundTrips(int side)
        {
            return roundTrips.get(side).stream().mapToLong(Integer::longValue).sum();
        }

        List<String> report(String title)
        {
            List<String> lines = new ArrayList<>();
            lines.add(title + ":");
            double[][] sorted = new double[2][];
            for (int side = 0; side < 2; side++) {
                sorted[side] = micros.get(side).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double mean = micros.get(side).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                lines.add(BenchSupport.format("  %-9s n=%d  p50 %8.1f us  p95 %8.1f us  p99 %8.1f us  mean %8.1f us  round trips/query %s",
                        side == 0 ? "direct" : "QueryFlux", sorted[side].length,
                        BenchSupport.percentileOfSorted(sorted[side], 50), BenchSupport.percentileOfSorted(sorted[side], 95),
                        BenchSupport.percentileOfSorted(sorted[side], 99), mean, tripsText(roundTrips.get(side))));
            }
            double trips = roundTrips.get(1).stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
            double[] overhead = new double[3];
            double[] percentiles = {50, 95, 99};
            for (int i = 0; i < 3; i++) {
                overhead[i] = BenchSupport.percentileOfSorted(sorted[1], percentiles[i]) - BenchSupport.percentileOfSorted(sorted[0], percentiles[i]);
            }
            lines.add(BenchSupport.format("  overhead per query: p50 %+.1f us, p95 %+.1f us, p99 %+.1f us; per round trip (÷%.1f): p50 %+.3f ms, p95 %+.3f ms, p99 %+.3f ms",
                    overhead[0], overhead[1], overhead[2], trips, overhead[0] / trips / 1000, overhead[1] / trips / 1000, overhead[2] / trips / 1000));
            return lines;
        }

        private static String tripsText(List<Integer> trips)
        {
            int min = trips.stream().mapToInt(Integer::intValue).min().orElse(0);
            int max = trips.stream().mapToInt(Integer::intValue).max().orElse(0);
            return min == max ? Integer.toString(min) : min + ".." + max;
        }
    }

    // ---- (b) and (c): a large result from a real Trino ----

    private static void throughput(Path directory, List<String> summary)
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
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
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
            Map<String, double[]> rawThreads = new java.util.TreeMap<>();
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
            List<String> threadLines = BenchSupport.threadCpuDelta(new java.util.TreeMap<>(), rawThreads, 0.05);
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
            byte[] plain = encoding.equalsIgnoreCase("gzip") ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes() : body;
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

    private static String yaml(URI coordinator)
    {
        return "queryflux:\n  frontends:\n    trinoHttp:\n      enabled: true\n      port: 8080\n"
                + "clusterGroups:\n  trino:\n    engine: trino\n    maxRunningQueries: 64\n    clusters:\n"
                + "      - name: trino-1\n        endpoint: " + coordinator + "\n"
                + "routers: []\nroutingFallback: trino\n";
    }
}
