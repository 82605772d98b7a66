package io.queryflux.examples.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Streams a large DuckDB result to trino-jdbc through QueryFlux, against the same query read
 * directly from DuckDB's JDBC driver in this JVM, and reports rows/s of both (medians of
 * interleaved rounds), their ratio, the CPU each side used and the server's heap.
 *
 * <p>The QueryFlux server runs in a JVM of its own ({@code -Xmx256m} by default, GC logged), started
 * from the bench's own classpath without trino-jdbc (like {@code queryflux-server.jar}); its only
 * cluster group is an in-memory DuckDB ({@code engine: duckDb}). The client reads every column of
 * every row with the typed getters (getLong, getDouble, getBoolean, getObject(LocalDate), getString)
 * into an order-independent checksum, which must be equal for both paths.
 *
 * <p>Run from the repository root:
 *
 * <pre>{@code
 * mvn -q -Dqf.target=target-bench -Pbench -pl queryflux-examples -am package -DskipTests
 * java -Xmx2g -cp queryflux-examples/target-bench/classes:$(cat queryflux-examples/target-bench/bench.classpath) \
 *      io.queryflux.examples.bench.DuckDbStreamingBench
 * }</pre>
 *
 * System properties (all optional):
 * <ul>
 * <li>{@code bench.rows} (10000000), {@code bench.rounds} (5), {@code bench.warmups} (1);</li>
 * <li>{@code bench.variants}: a comma list of {@code mixed} (bigint, bigint, double, date, boolean,
 *     varchar) and {@code numeric} (bigint, bigint, double, bigint); default both;</li>
 * <li>{@code bench.serverHeap} ({@code 256m}); {@code bench.serverJava}: the server's java
 *     executable (default: the bench's); {@code bench.serverJvmOptions}: more server JVM options,
 *     space-separated;</li>
 * <li>{@code bench.trinoHttp}: frontend settings for the generated YAML, e.g.
 *     {@code targetPageBytes=4194304,maxPageRows=200000,bufferedPages=4};</li>
 * <li>{@code bench.duckdbThreads}: DuckDB's {@code threads} for both sides (default: DuckDB's own);</li>
 * <li>{@code bench.jfr=true}: record the server with JFR ({@code settings=profile}) into the run
 *     directory, to be summarised by {@link JfrTop};</li>
 * <li>{@code bench.skipDirect=true}: read directly only in the first round (for profiling the proxy
 *     path; ratios are then not meaningful);</li>
 * <li>{@code bench.dir}: where run directories (config, server log, GC log) go (default
 *     {@code ${java.io.tmpdir}/queryflux-bench}).</li>
 * </ul>
 */
public final class DuckDbStreamingBench
{
    private static final String USER = "bench";

    private DuckDbStreamingBench() {}

    public static void main(String[] args)
            throws Exception
    {
        long rows = BenchSupport.longProperty("bench.rows", 10_000_000);
        int rounds = BenchSupport.intProperty("bench.rounds", 5);
        int warmups = BenchSupport.intProperty("bench.warmups", 1);
        String serverHeap = BenchSupport.stringProperty("bench.serverHeap", "256m");
        String trinoHttp = BenchSupport.stringProperty("bench.trinoHttp", "");
        String threads = BenchSupport.stringProperty("bench.duckdbThreads", "");
        boolean jfr = BenchSupport.booleanProperty("bench.jfr", false);
        boolean skipDirect = BenchSupport.booleanProperty("bench.skipDirect", false);
        List<String> variants = List.of(BenchSupport.stringProperty("bench.variants", "mixed,numeric").split(","));

        Path directory = BenchSupport.runDirectory("duckdb-streaming");
        BenchSupport.log("DuckDbStreamingBench: %,d rows, %d warm-up + %d measured rounds per variant, variants %s, server -Xmx%s, trinoHttp {%s}, duckdb threads %s; files in %s",
                rows, warmups, rounds, variants, serverHeap, trinoHttp, threads.isEmpty() ? "default" : threads, directory);
        BenchSupport.log("Machine: %d cores (availableProcessors), java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        List<String> jvmOptions = new ArrayList<>();
        if (jfr) {
            jvmOptions.add("-XX:StartFlightRecording=filename=" + directory.resolve("server.jfr") + ",settings=profile,dumponexit=true");
        }
        Map<String, Result> results = new LinkedHashMap<>();
        BenchSupport.LoadSamples load = new BenchSupport.LoadSamples();
        try (ServerProcess server = ServerProcess.start(directory, "queryflux", yaml(trinoHttp, threads), serverHeap, jvmOptions);
                Connection duckDb = openDuckDb(threads);
                Connection trino = openTrino(server)) {
            BenchSupport.log("QueryFlux started at %s (pid %d)", server.uri(), server.pid());
            for (String variant : variants) {
                String sql = query(variant.strip(), rows);
                Result result = new Result(variant.strip(), sql);
                BenchSupport.log("Variant %s: %s", result.variant, sql);
                for (int round = -warmups; round < rounds; round++) {
                    boolean measured = round >= 0;
                    load.sample();
                    // Skipped only when profiling the proxy path alone; the ratio is then meaningless.
                    Run direct = skipDirect && !result.direct.isEmpty() ? result.direct.get(0) : run(duckDb, sql, null);
                    load.sample();
                    Map<String, double[]> threadsBefore = server.threadCpu();
                    Run proxy = run(trino, sql, server);
                    if (measured) {
                        result.serverThreads.add(BenchSupport.threadCpuDelta(threadsBefore, server.threadCpu(), 0.05));
                    }
                    check(rows, direct, proxy);
                    BenchSupport.log("  %s %s: direct %s rows/s (%.2f s, client cpu %.2f s) | proxy %s rows/s (%.2f s, client cpu %.2f s, server cpu %.2f s) | ratio %.3f",
                            result.variant, measured ? "round " + (round + 1) : "warm-up", BenchSupport.format(direct.rowsPerSecond()), direct.seconds, direct.clientCpu,
                            BenchSupport.format(proxy.rowsPerSecond()), proxy.seconds, proxy.clientCpu, proxy.serverCpu, proxy.rowsPerSecond() / direct.rowsPerSecond());
                    if (measured) {
                        result.direct.add(direct);
                        result.proxy.add(proxy);
                    }
                }
                results.put(result.variant, result);
            }
            List<ServerProcess.GcEvent> gcEvents = server.gcEvents();
            boolean alive = server.isAlive();
            boolean oom = server.sawOutOfMemoryError();
            int exitCode = server.stop();
            System.out.println();
            System.out.println("==== DuckDbStreamingBench summary (" + rows + " rows, medians of " + rounds + " interleaved rounds) ====");
            for (Result result : results.values()) {
                result.print();
            }
            System.out.println("Server heap (-Xmx" + serverHeap + "): " + ServerProcess.heapSummary(gcEvents));
            System.out.println("Server alive after the runs: " + alive + "; OutOfMemoryError in its output: " + oom + "; exit code after SIGTERM: " + exitCode
                    + " (143 = terminated by SIGTERM)");
            System.out.println("Load: " + load.summary() + "; now " + BenchSupport.loadAverage());
            System.out.println("Files: " + directory + (jfr ? " (server.jfr: java -cp ... io.queryflux.examples.bench.JfrTop " + directory.resolve("server.jfr") + ")" : ""));
        }
    }

    static String query(String variant, long rows)
    {
        return switch (variant) {
            case "mixed" -> "SELECT i, i * 2 AS doubled, i / 3.0 AS ratio, DATE '2020-01-01' + (i % 1000)::INTEGER AS day, i % 2 = 0 AS even, "
                    + "'row-' || (i % 100000) AS label FROM range(" + rows + ") t(i)";
            case "numeric" -> "SELECT i, i * 2 AS doubled, i / 3.0 AS ratio, i % 1000 AS bucket FROM range(" + rows + ") t(i)";
            default -> throw new IllegalArgumentException("Unknown variant " + variant + "; use mixed or numeric");
        };
    }

    private static String yaml(String trinoHttp, String threads)
    {
        StringBuilder yaml = new StringBuilder();
        yaml.append("queryflux:\n  frontends:\n    trinoHttp:\n      enabled: true\n      port: 8080\n");
        if (!trinoHttp.isEmpty()) {
            for (String setting : trinoHttp.split(",")) {
                String[] pair = setting.split("=", 2);
                yaml.append("      ").append(pair[0].strip()).append(": ").append(pair[1].strip()).append('\n');
            }
        }
        yaml.append("clusterGroups:\n  duckdb:\n    engine: duckDb\n    maxRunningQueries: 4\n    clusters:\n      - name: duckdb-1\n        databasePath: \":memory:\"\n");
        if (!threads.isEmpty()) {
            yaml.append("        properties:\n          threads: ").append(threads).append('\n');
        }
        yaml.append("routers: []\nroutingFallback: duckdb\n");
        return yaml.toString();
    }

    private static Connection openDuckDb(String threads)
            throws SQLException
    {
        Properties properties = new Properties();
        // Without it the driver materializes the whole result before the first row (QueryFlux sets it too).
        properties.setProperty("jdbc_stream_results", "true");
        if (!threads.isEmpty()) {
            properties.setProperty("threads", threads);
        }
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    private static Connection openTrino(ServerProcess server)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        return DriverManager.getConnection("jdbc:trino://" + BenchSupport.LOOPBACK + ":" + server.port(), properties);
    }

    /** Runs {@code sql} and reads every value; {@code server} (for its CPU time) is null for the direct path. */
    static Run run(Connection connection, String sql, ServerProcess server)
            throws SQLException
    {
        double serverCpuBefore = server == null ? Double.NaN : server.cpuSeconds();
        double clientCpuBefore = BenchSupport.ownCpuSeconds();
        long start = System.nanoTime();
        long count = 0;
        long checksum = 0;
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            int[] kinds = kinds(resultSet.getMetaData());
            while (resultSet.next()) {
                for (int column = 1; column <= kinds.length; column++) {
                    long value = switch (kinds[column - 1]) {
                        case LONG -> resultSet.getLong(column);
                        case DOUBLE -> Double.doubleToLongBits(resultSet.getDouble(column));
                        case BOOLEAN -> resultSet.getBoolean(column) ? 1 : 2;
                        case DATE -> resultSet.getObject(column, LocalDate.class).toEpochDay();
                        default -> resultSet.getString(column).hashCode();
                    };
                    checksum += Long.rotateLeft(value * 0x9E3779B97F4A7C15L, column);
                }
                count++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(count, checksum, seconds, BenchSupport.ownCpuSeconds() - clientCpuBefore,
                server == null ? Double.NaN : server.cpuSeconds() - serverCpuBefore);
    }

    private static final int LONG = 0;
    private static final int DOUBLE = 1;
    private static final int BOOLEAN = 2;
    private static final int DATE = 3;
    private static final int STRING = 4;

    private static int[] kinds(ResultSetMetaData metaData)
            throws SQLException
    {
        int[] kinds = new int[metaData.getColumnCount()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = switch (metaData.getColumnType(i + 1)) {
                case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> LONG;
                case Types.DOUBLE, Types.FLOAT, Types.REAL -> DOUBLE;
                case Types.BOOLEAN, Types.BIT -> BOOLEAN;
                case Types.DATE -> DATE;
                default -> STRING;
            };
        }
        return kinds;
    }

    private static void check(long rows, Run direct, Run proxy)
    {
        if (direct.rows != rows || proxy.rows != rows) {
            throw new IllegalStateException("Row counts differ: expected " + rows + ", direct " + direct.rows + ", proxy " + proxy.rows);
        }
        if (direct.checksum != proxy.checksum) {
            throw new IllegalStateException("Checksums differ: direct " + direct.checksum + ", proxy " + proxy.checksum);
        }
    }

    record Run(long rows, long checksum, double seconds, double clientCpu, double serverCpu)
    {
        double rowsPerSecond()
        {
            return rows / seconds;
        }
    }

    private static final class Result
    {
        final String variant;
        final String sql;
        final List<Run> direct = new ArrayList<>();
        final List<Run> proxy = new ArrayList<>();
        final List<List<String>> serverThreads = new ArrayList<>();

        Result(String variant, String sql)
        {
            this.variant = variant;
            this.sql = sql;
        }

        void print()
        {
            double directRate = BenchSupport.median(direct.stream().map(Run::rowsPerSecond).toList());
            double proxyRate = BenchSupport.median(proxy.stream().map(Run::rowsPerSecond).toList());
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < direct.size(); i++) {
                ratios.add(proxy.get(i).rowsPerSecond() / direct.get(i).rowsPerSecond());
            }
            System.out.println("Variant " + variant + ": " + sql);
            System.out.println(BenchSupport.format("  direct DuckDB JDBC : median %s rows/s (min %s, max %s); client cpu median %.2f s/run",
                    BenchSupport.format(directRate), BenchSupport.format(min(direct)), BenchSupport.format(max(direct)),
                    BenchSupport.median(direct.stream().map(Run::clientCpu).toList())));
            System.out.println(BenchSupport.format("  QueryFlux+trino-jdbc: median %s rows/s (min %s, max %s); cpu median per run: client %.2f s, server %.2f s",
                    BenchSupport.format(proxyRate), BenchSupport.format(min(proxy)), BenchSupport.format(max(proxy)),
                    BenchSupport.median(proxy.stream().map(Run::clientCpu).toList()), BenchSupport.median(proxy.stream().map(Run::serverCpu).toList())));
            System.out.println(BenchSupport.format("  ratio proxy/direct: %.3f (of medians), %.3f (median of per-round ratios); checksum %d equal on both paths",
                    proxyRate / directRate, BenchSupport.median(ratios), direct.get(0).checksum));
            if (!serverThreads.isEmpty()) {
                // The round whose proxy run was the median one.
                int medianRound = medianIndex(proxy);
                System.out.println("  server CPU by thread in round " + (medianRound + 1) + " (the median proxy run): " + serverThreads.get(medianRound).get(0));
                serverThreads.get(medianRound).subList(1, serverThreads.get(medianRound).size()).forEach(line -> System.out.println("    " + line));
            }
        }

        private static int medianIndex(List<Run> runs)
        {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Double.compare(runs.get(a).seconds, runs.get(b).seconds));
            return order.get(order.size() / 2);
        }

        private static double min(List<Run> runs)
        {
            return runs.stream().mapToDouble(Run::rowsPerSecond).min().orElse(Double.NaN);
        }

        private static double max(List<Run> runs)
        {
            return runs.stream().mapToDouble(Run::rowsPerSecond).max().orElse(Double.NaN);
        }
    }
}
