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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.queryflux.examples.bench.RelayOverheadBench.USER;
import static io.queryflux.examples.bench.RelayOverheadBench.httpClient;
import static io.queryflux.examples.bench.RelayOverheadBench.nextUri;
import static io.queryflux.examples.bench.RelayOverheadBench.yaml;

/**
 * Part (a) of {@link RelayOverheadBench}: the latency of a full {@code SELECT 1} cycle against a
 * {@link FakeCoordinator}, directly and through QueryFlux in interleaved blocks, with raw
 * java.net.http requests and with trino-jdbc.
 */
final class RelayLatency
{
    private RelayLatency() {}

    static void run(Path directory, List<String> summary)
            throws Exception
    {
        int queries = BenchSupport.intProperty("bench.queries", 5000);
        int jdbcQueries = BenchSupport.intProperty("bench.jdbcQueries", 1000);
        int block = BenchSupport.intProperty("bench.block", 250);
        // C2 was still compiling the relay path after 2000 cycles per side.
        int warmup = BenchSupport.intProperty("bench.warmupQueries", 12000);
        String heap = BenchSupport.stringProperty("bench.serverHeap", "256m");
        BenchSupport.LoadSamples load = new BenchSupport.LoadSamples();
        try (FakeCoordinator fake = FakeCoordinator.start(4);
                ServerProcess server = ServerProcess.start(directory, "queryflux-fake", yaml(fake.uri()), heap, List.of())) {
            BenchSupport.log("(a) fake coordinator at %s; QueryFlux at %s (pid %d), relaying to it", fake.uri(), server.uri(), server.pid());
            HttpClient http = httpClient();
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
}
