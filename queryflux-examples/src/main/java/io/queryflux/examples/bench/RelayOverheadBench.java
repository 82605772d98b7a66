package io.queryflux.examples.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * (250 cycles per interleaved block), {@code bench.warmupQueries} (12000 per side); part b:
 * {@code bench.largeSql}, {@code bench.rounds} (5), {@code bench.warmups} (3); both:
 * {@code bench.serverHeap} ({@code 256m}), {@code bench.serverJava}, {@code bench.serverJvmOptions}
 * (e.g. a JFR recording, see {@link JfrTop}), {@code bench.dir}; and those of {@link TrinoLauncher}.
 */
public final class RelayOverheadBench
{
    static final String USER = "bench";
    private static final byte[] NEXT_URI = "\"nextUri\":\"".getBytes(StandardCharsets.US_ASCII);

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
            RelayLatency.run(directory, summary);
        }
        if (parts.contains("b")) {
            RelayThroughput.run(directory, summary);
        }
        System.out.println();
        System.out.println("==== RelayOverheadBench summary ====");
        summary.forEach(System.out::println);
        System.out.println("Load now: " + BenchSupport.loadAverage());
        System.out.println("Files: " + directory);
    }

    /** The client of the raw requests; HTTP/1.1, so that it never tries an h2c upgrade. */
    static HttpClient httpClient()
    {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

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

    /** QueryFlux relaying every query to the Trino (or fake) coordinator at {@code coordinator}. */
    static String yaml(URI coordinator)
    {
        return "queryflux:\n  frontends:\n    trinoHttp:\n      enabled: true\n      port: 8080\n"
                + "clusterGroups:\n  trino:\n    engine: trino\n    maxRunningQueries: 64\n    clusters:\n"
                + "      - name: trino-1\n        endpoint: " + coordinator + "\n"
                + "routers: []\nroutingFallback: trino\n";
    }
}
