package io.queryflux.examples.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summarises the CPU samples of a JFR recording (e.g. the server's, from
 * {@code DuckDbStreamingBench -Dbench.jfr=true}): samples per thread group, per component (the first
 * frame from the top that belongs to a known library), the hottest methods by self time and by
 * total time.
 *
 * <pre>{@code
 * java -cp queryflux-examples/target-bench/classes:$(cat queryflux-examples/target-bench/bench.classpath) \
 *      io.queryflux.examples.bench.JfrTop /tmp/queryflux-bench/duckdb-streaming-.../server.jfr [topN]
 * }</pre>
 *
 * Java execution samples ({@code jdk.ExecutionSample}) and samples of threads in native code
 * ({@code jdk.NativeMethodSample}, e.g. DuckDB's JNI fetch or socket writes) are counted apart.
 */
public final class JfrTop
{
    // Threads parked in these native calls wait for work; they use no CPU.
    private static final Set<String> IDLE_NATIVE = Set.of("sun.nio.ch.EPoll.wait", "sun.nio.ch.Net.accept", "sun.nio.ch.Net.poll",
            "sun.nio.ch.SocketDispatcher.read0", "java.lang.Object.wait", "jdk.internal.misc.Unsafe.park", "java.lang.Thread.sleep");

    private JfrTop() {}

    public static void main(String[] args)
            throws IOException
    {
        if (args.length < 1) {
            System.err.println("Usage: JfrTop <recording.jfr> [topN]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Counts> byKind = new HashMap<>();
        Map<String, Long> idle = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String kind = event.getEventType().getName();
            if (!kind.equals("jdk.ExecutionSample") && !kind.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            String topFrame = name(stack.getFrames().get(0));
            if (kind.equals("jdk.NativeMethodSample") && IDLE_NATIVE.contains(topFrame)) {
                idle.merge(topFrame, 1L, Long::sum);
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            byKind.computeIfAbsent(kind, ignored -> new Counts()).add(stack.getFrames(), thread == null ? "?" : thread.getJavaName());
        }
        for (Map.Entry<String, Counts> entry : byKind.entrySet()) {
            System.out.println("==== " + entry.getKey() + ": " + entry.getValue().total + " samples ====");
            entry.getValue().print(top);
        }
        System.out.println("==== native samples of threads blocked waiting (left out above): " + idle + " ====");
        System.out.println("(JFR's profile settings sample Java code every 10 ms and native code every 20 ms.)");
    }

    private static String component(String className)
    {
        if (className.startsWith("org.duckdb.")) {
            return "DuckDB JDBC driver";
        }
        if (className.startsWith("com.fasterxml.jackson.")) {
            return "Jackson (JSON)";
        }
        if (className.startsWith("io.queryflux.core.internal.trino.ValueWriters") || className.startsWith("io.queryflux.core.internal.trino.PageBuilder")
                || className.startsWith("io.queryflux.core.internal.trino.TemporalText")) {
            return "QueryFlux JSON page encoding";
        }
        if (className.startsWith("io.queryflux.core.internal.jdbc.")) {
            return "QueryFlux JDBC backend (value conversion)";
        }
        if (className.startsWith("io.queryflux.")) {
            return "QueryFlux other";
        }
        if (className.startsWith("org.eclipse.jetty.")) {
            return "Jetty (HTTP)";
        }
        if (className.startsWith("io.trino.")) {
            return "trino-client/jdbc";
        }
        if (className.startsWith("jdk.internal.net.http.") || className.startsWith("java.net.http.")) {
            return "JDK HttpClient";
        }
        if (className.startsWith("sun.nio.") || className.startsWith("java.nio.") || className.startsWith("sun.net.")) {
            return "JDK NIO";
        }
        return null;
    }

    private static String name(RecordedFrame frame)
    {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static final class Counts
    {
        long total;
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> inclusive = new HashMap<>();
        final Map<String, Long> components = new HashMap<>();
        final Map<String, Long> threads = new HashMap<>();

        void add(List<RecordedFrame> frames, String thread)
        {
            total++;
            threads.merge(thread.replaceAll("-\\d+$", "-N").replaceAll("@[0-9a-f]+", ""), 1L, Long::sum);
            self.merge(name(frames.get(0)), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            String component = null;
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (seen.add(method)) {
                    inclusive.merge(method, 1L, Long::sum);
                }
                if (component == null) {
                    component = component(frame.getMethod().getType().getName());
                }
            }
            components.merge(component == null ? "other (JDK/JVM)" : component, 1L, Long::sum);
        }

        void print(int top)
        {
            print("by thread (names with -N for numbered)", threads, top);
            print("by component (first known frame from the top)", components, top);
            print("self (top frame)", self, top);
            print("total (frame anywhere in the stack)", inclusive, top);
        }

        private void print(String title, Map<String, Long> counts, int top)
        {
            System.out.println("-- " + title);
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(top)
                    .forEach(entry -> System.out.println(BenchSupport.format("  %6d %5.1f%%  %s", entry.getValue(), 100.0 * entry.getValue() / total, entry.getKey())));
        }
    }
}
