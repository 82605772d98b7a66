package io.queryflux.jetty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs the real Trino CLI (the executable jar the pom copies to {@code target/trino-cli}, passed in
 * system property {@code trino.cli.jar}) as a subprocess in batch mode, with a timeout.
 */
public final class TestingTrinoCli
{
    public static final String JAR_PROPERTY = "trino.cli.jar";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private TestingTrinoCli() {}

    /** What the CLI printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr)
    {
        /** Both streams, for assertions on what a user sees in a terminal. */
        public String output()
        {
            return stdout + stderr;
        }

        /** The non-empty lines of stdout. */
        public List<String> lines()
        {
            return stdout.lines().filter(line -> !line.isEmpty()).toList();
        }

        @Override
        public String toString()
        {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    public static Path jar()
    {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null) {
            throw new IllegalStateException("System property " + JAR_PROPERTY + " is not set; run the tests with Maven (see queryflux-jetty/pom.xml)");
        }
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("The Trino CLI jar is missing: " + path);
        }
        return path;
    }

    /** Runs {@code sql} with {@code --execute}; {@code options} are added as they are (e.g. {@code --output-format=CSV}). */
    public static Result execute(URI server, String sql, String... options)
    {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server=" + server);
        arguments.add("--user=test");
        arguments.add("--no-progress");
        arguments.add("--disable-auto-suggestion");
        arguments.add("--client-request-timeout=30s");
        arguments.add("--execute=" + sql);
        arguments.addAll(List.of(options));
        return run(arguments, DEFAULT_TIMEOUT);
    }

    /** Runs the CLI with exactly these arguments. */
    public static Result run(List<String> arguments, Duration timeout)
    {
        return run(arguments, Map.of(), timeout);
    }

    /**
     * Runs the CLI with these arguments and extra environment variables, e.g. {@code TRINO_PASSWORD},
     * which the CLI reads when given {@code --password}.
     */
    public static Result run(List<String> arguments, Map<String, String> environment, Duration timeout)
    {
        requireNonNull(arguments, "arguments is null");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(arguments);
        Path stdout = null;
        Path stderr = null;
        Process process = null;
        try {
            stdout = Files.createTempFile("trino-cli", ".out");
            stderr = Files.createTempFile("trino-cli", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().put("TERM", "dumb");
            builder.environment().remove("TRINO_PASSWORD");
            builder.environment().putAll(environment);
            process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("The Trino CLI did not exit within " + timeout + ": " + command + "\n--- stdout ---\n" + read(stdout) + "\n--- stderr ---\n" + read(stderr));
            }
            return new Result(process.exitValue(), read(stdout), read(stderr));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while the Trino CLI ran", e);
        }
        finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static String javaExecutable()
    {
        // The JVM that runs the tests; CLI 476 runs on Java 17 like the rest of the build.
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static java.io.File nullFile()
    {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String read(Path path)
            throws IOException
    {
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path path)
    {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            }
            catch (IOException ignored) {
                // a temp file
            }
        }
    }
}
