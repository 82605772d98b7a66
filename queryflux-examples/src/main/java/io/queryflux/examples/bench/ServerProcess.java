package io.queryflux.examples.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone QueryFlux server ({@code io.queryflux.examples.QueryFluxMain}) in a JVM of its own,
 * so that its heap limit is real and its GC does not share the bench client's heap. It logs its GC
 * events ({@code -Xlog:gc}) to a file, from which {@link #gcEvents()} reads the heap after each GC.
 */
final class ServerProcess
        implements AutoCloseable
{
    private static final Pattern GC_LINE = Pattern.compile(
            "^\\[(\\d+[.,]\\d+)s\\].*GC\\((\\d+)\\) (.+?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Process process;
    private final int port;
    private final Path gcLog;
    private final Path output;
    private final long startNanos = System.nanoTime();

    private ServerProcess(Process process, int port, Path gcLog, Path output)
    {
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
        this.output = output;
    }

    /**
     * Starts QueryFluxMain with {@code yaml} as its config on a free loopback port and waits until
     * {@code /v1/info} answers.
     *
     * @param maxHeap e.g. {@code 256m}
     * @param extraJvmOptions e.g. a {@code -XX:StartFlightRecording=...}
     */
    static ServerProcess start(Path directory, String name, String yaml, String maxHeap, List<String> extraJvmOptions)
    {
        try {
            Path config = directory.resolve(name + ".yaml");
            Files.writeString(config, yaml, StandardCharsets.UTF_8);
            Path gcLog = directory.resolve(name + "-gc.log");
            Path output = directory.resolve(name + ".log");
            int port = BenchSupport.freePort();
            List<String> command = new ArrayList<>();
            // e.g. -Dbench.serverJava=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java to compare JDKs
            command.add(BenchSupport.stringProperty("bench.serverJava", BenchSupport.javaExecutable()));
            command.add("-Xmx" + maxHeap);
            command.add("-Xlog:gc:file=" + gcLog + ":uptime");
            command.addAll(extraJvmOptions);
            // e.g. -Dbench.serverJvmOptions="-XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile"
            String more = BenchSupport.stringProperty("bench.serverJvmOptions", "");
            if (!more.isEmpty()) {
                command.addAll(List.of(more.split("\\s+")));
            }
            command.add("-cp");
            command.add(BenchSupport.serverClasspath());
            command.add("io.queryflux.examples.QueryFluxMain");
            command.add("--config");
            command.add(config.toString());
            command.add("--port");
            command.add(Integer.toString(port));
            command.add("--host");
            command.add(BenchSupport.LOOPBACK);
            Files.writeString(directory.resolve(name + ".cmd"), String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            ServerProcess server = new ServerProcess(process, port, gcLog, output);
            try {
                server.awaitInfo(Duration.ofSeconds(90));
            }
            catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitInfo(Duration timeout)
    {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("QueryFlux exited with code " + process.exitValue() + " while starting; output:\n" + tail(60));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri().resolve("/v1/info")).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("QueryFlux did not answer /v1/info within " + timeout + "; output:\n" + tail(60));
    }

    URI uri()
    {
        return URI.create("http://" + BenchSupport.LOOPBACK + ":" + port);
    }

    int port()
    {
        return port;
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    Path output()
    {
        return output;
    }

    Path gcLog()
    {
        return gcLog;
    }

    /** Seconds since this object started the process, on roughly the same clock as the GC log's uptime. */
    double uptimeSeconds()
    {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** CPU seconds the server process has used so far. */
    double cpuSeconds()
    {
        return BenchSupport.processCpuSeconds(process.pid());
    }

    /** CPU seconds per thread group of the server; see {@link BenchSupport#threadCpuSeconds}. */
    java.util.Map<String, double[]> threadCpu()
    {
        return BenchSupport.threadCpuSeconds(process.pid());
    }

    /** Asks the server JVM for a full GC ({@code jcmd <pid> GC.run}), so that the GC log shows its live heap. */
    void fullGc()
    {
        jcmd("GC.run");
    }

    /** Runs {@code jcmd <pid> <arguments>} and returns its output. */
    String jcmd(String... arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(arguments));
        try {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return text;
        }
        catch (IOException e) {
            return "jcmd failed: " + e;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Whether the server's output mentions an OutOfMemoryError. */
    boolean sawOutOfMemoryError()
    {
        try {
            return Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains("OutOfMemoryError");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The GC events logged so far. */
    List<GcEvent> gcEvents()
    {
        List<GcEvent> events = new ArrayList<>();
        try {
            if (!Files.exists(gcLog)) {
                return events;
            }
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher matcher = GC_LINE.matcher(line);
                if (matcher.find()) {
                    events.add(new GcEvent(
                            Double.parseDouble(matcher.group(1).replace(',', '.')),
                            matcher.group(3),
                            megabytes(matcher.group(4), matcher.group(5)),
                            megabytes(matcher.group(6), matcher.group(7)),
                            megabytes(matcher.group(8), matcher.group(9))));
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static double megabytes(String number, String unit)
    {
        double value = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }

    /** Heap summary over the given GC events. */
    static String heapSummary(List<GcEvent> events)
    {
        if (events.isEmpty()) {
            return "no GC happened";
        }
        double maxAfter = events.stream().mapToDouble(GcEvent::afterMb).max().orElseThrow();
        double maxBefore = events.stream().mapToDouble(GcEvent::beforeMb).max().orElseThrow();
        double maxCommitted = events.stream().mapToDouble(GcEvent::committedMb).max().orElseThrow();
        return BenchSupport.format("%d GCs; heap after GC max %.0f MB; heap before GC (peak occupancy seen) max %.0f MB; committed max %.0f MB",
                events.size(), maxAfter, maxBefore, maxCommitted);
    }

    String tail(int lines)
    {
        try {
            if (!Files.exists(output)) {
                return "";
            }
            List<String> all = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s) and returns its exit code. */
    int stop()
    {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close()
    {
        stop();
    }

    static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One {@code -Xlog:gc} line: a GC pause with the heap before and after it. */
    record GcEvent(double uptimeSeconds, String kind, double beforeMb, double afterMb, double committedMb)
    {
        @Override
        public String toString()
        {
            return BenchSupport.format("%7.2fs %-50s %5.1f MB -> %5.1f MB (%3.0f MB)", uptimeSeconds, kind, beforeMb, afterMb, committedMb);
        }
    }
}
