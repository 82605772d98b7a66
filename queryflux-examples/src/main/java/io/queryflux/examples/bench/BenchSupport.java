package io.queryflux.examples.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Small helpers shared by the benchmark mains: statistics, settings from system properties, the
 * load average, free ports and the server classpath.
 */
final class BenchSupport
{
    static final String LOOPBACK = "127.0.0.1";

    private BenchSupport() {}

    static int intProperty(String name, int defaultValue)
    {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip().replace("_", ""));
    }

    static long longProperty(String name, long defaultValue)
    {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Long.parseLong(value.strip().replace("_", ""));
    }

    static String stringProperty(String name, String defaultValue)
    {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    static boolean booleanProperty(String name, boolean defaultValue)
    {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : Boolean.parseBoolean(value.strip());
    }

    /** Median of the values (mean of the middle two for an even count). */
    static double median(List<Double> values)
    {
        return percentile(values, 50);
    }

    /** The p-th percentile with linear interpolation between closest ranks. */
    static double percentile(List<Double> values, double p)
    {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return percentileOfSorted(sorted, p);
    }

    static double percentileOfSorted(double[] sorted, double p)
    {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100.0 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    static double[] sorted(double[] values)
    {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** {@code /proc/loadavg}'s first three fields, or "n/a". */
    static String loadAverage()
    {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double oneMinuteLoad()
    {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        }
        catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU time of this JVM in seconds. */
    static double ownCpuSeconds()
    {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** CPU time (user + system) of another process from {@code /proc/<pid>/stat}, in seconds. */
    static double processCpuSeconds(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces; fields after it start at the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }
        catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds per thread group of a process, from {@code /proc/<pid>/task/*}{@code /stat}: thread
     * names (at most 15 characters there) with trailing digits folded ({@code GC Thread#0} and
     * {@code GC Thread#1} count together), each as {@code [user s, system s, voluntary context
     * switches, involuntary context switches]}.
     */
    static Map<String, double[]> threadCpuSeconds(long pid)
    {
        Map<String, double[]> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                }
                catch (IOException e) {
                    continue; // the thread ended
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[#-]?\\d+$", "#N");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double[] cpu = groups.computeIfAbsent(name, ignored -> new double[4]);
                cpu[0] += Long.parseLong(fields[11]) / 100.0;
                cpu[1] += Long.parseLong(fields[12]) / 100.0;
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            cpu[2] += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                        else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            cpu[3] += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                }
                catch (IOException e) {
                    // the thread ended
                }
            }
        }
        catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return groups;
    }

    /** The CPU each thread group used between two {@link #threadCpuSeconds} snapshots, largest first, as text lines. */
    static List<String> threadCpuDelta(Map<String, double[]> before, Map<String, double[]> after, double minimumSeconds)
    {
        List<Map.Entry<String, double[]>> deltas = new ArrayList<>();
        after.forEach((name, cpu) -> {
            double[] earlier = before.getOrDefault(name, new double[4]);
            double[] delta = new double[4];
            for (int i = 0; i < 4; i++) {
                delta[i] = cpu[i] - earlier[i];
            }
            deltas.add(Map.entry(name, delta));
        });
        deltas.sort((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
        double total = deltas.stream().mapToDouble(entry -> entry.getValue()[0] + entry.getValue()[1]).sum();
        List<String> lines = new ArrayList<>();
        lines.add(format("total %.2f s (user %.2f s, system %.2f s), context switches %,.0f voluntary + %,.0f involuntary", total,
                deltas.stream().mapToDouble(entry -> entry.getValue()[0]).sum(), deltas.stream().mapToDouble(entry -> entry.getValue()[1]).sum(),
                deltas.stream().mapToDouble(entry -> entry.getValue()[2]).sum(), deltas.stream().mapToDouble(entry -> entry.getValue()[3]).sum()));
        for (Map.Entry<String, double[]> entry : deltas) {
            double[] value = entry.getValue();
            double sum = value[0] + value[1];
            if (sum >= minimumSeconds || value[2] + value[3] >= 1000) {
                lines.add(format("%-18s %6.2f s (%4.1f%%; user %.2f, system %.2f); context switches %,.0f + %,.0f",
                        entry.getKey(), sum, 100 * sum / total, value[0], value[1], value[2], value[3]));
            }
        }
        return lines;
    }

    static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bench JVM's classpath without trino-jdbc, like the shaded queryflux-server.jar. */
    static String serverClasspath()
    {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').contains("/io/trino/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static String javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A new directory for one bench run's files (configs, logs), under {@code bench.dir}. */
    static Path runDirectory(String benchName)
    {
        Path root = Path.of(stringProperty("bench.dir", Path.of(System.getProperty("java.io.tmpdir"), "queryflux-bench").toString()));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            return Files.createDirectories(root.resolve(benchName + "-" + stamp));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(double value)
    {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String format(String pattern, Object... arguments)
    {
        return String.format(Locale.ROOT, pattern, arguments);
    }

    /** Prints a line with a timestamp and the current load average, flushed at once. */
    static void log(String pattern, Object... arguments)
    {
        System.out.println(format("[%s load %s] ", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), loadAverage()) + format(pattern, arguments));
        System.out.flush();
    }

    /** A list that records the load average alongside measurements. */
    static final class LoadSamples
    {
        private final List<Double> samples = new ArrayList<>();

        void sample()
        {
            double load = oneMinuteLoad();
            if (!Double.isNaN(load)) {
                samples.add(load);
            }
        }

        String summary()
        {
            if (samples.isEmpty()) {
                return "n/a";
            }
            return format("1-min load avg min %.2f / median %.2f / max %.2f over %d samples",
                    samples.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), median(samples),
                    samples.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), samples.size());
        }
    }
}
