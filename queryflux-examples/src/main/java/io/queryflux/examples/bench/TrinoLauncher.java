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
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Trino server (coordinator and worker, {@code tpch} catalog) for the relay
 * bench, launched the way queryflux-jetty's test {@code TestingTrinoServer} does it: an {@code etc/}
 * written into a fresh run directory and {@code io.trino.server.TrinoServer} run directly on the
 * installation's {@code lib/*}.
 *
 * <p>The installation is the one queryflux-jetty's {@code it} profile unpacks; to unpack one for the
 * bench without compiling anything:
 *
 * <pre>{@code
 * mvn -q -Dqf.target=target-bench -Pit -pl queryflux-jetty dependency:unpack@unpack-trino-server
 * }</pre>
 *
 * System properties: {@code bench.trinoHome} (default: the first of
 * {@code queryflux-jetty/target-bench/trino-server/trino-server-476} and any other
 * {@code queryflux-jetty/target*}{@code /trino-server/trino-server-*} under the working directory),
 * {@code bench.trinoJavaHome} (default: {@code TRINO_JAVA_HOME}, else the newest JDK 24+ under
 * {@code /usr/lib/jvm}), {@code bench.trinoHeap} ({@code 2G}).
 */
final class TrinoLauncher
        implements AutoCloseable
{
    private final Process process;
    private final int port;
    private final Path log;

    private TrinoLauncher(Process process, int port, Path log)
    {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static TrinoLauncher start(Path runDirectory)
    {
        Path home = home();
        Path javaHome = javaHome();
        int port = BenchSupport.freePort();
        Path directory = runDirectory.resolve("trino");
        try {
            Path plugins = benchPlugins(home, directory);
            repairHardLinks(plugins, home.resolve("lib"));
            Path etc = Files.createDirectories(directory.resolve("etc"));
            Files.createDirectories(etc.resolve("catalog"));
            Files.writeString(etc.resolve("catalog/tpch.properties"), "connector.name=tpch\n");
            Files.writeString(etc.resolve("log.properties"), "io.trino=INFO\n");
            Files.writeString(etc.resolve("config.properties"), String.join("\n",
                    "coordinator=true",
                    "node-scheduler.include-coordinator=true",
                    "query.max-memory=1GB",
                    "query.max-memory-per-node=512MB",
                    "memory.heap-headroom-per-node=512MB",
                    "task.concurrency=2",
                    "http-server.log.enabled=false",
                    "http-server.http.port=" + port,
                    "discovery.uri=http://" + BenchSupport.LOOPBACK + ":" + port,
                    "plugin.dir=" + plugins,
                    "catalog.config-dir=" + etc.resolve("catalog"),
                    ""));
            List<String> command = new ArrayList<>(List.of(
                    javaHome.resolve("bin/java").toString(),
                    "-cp", home.resolve("lib") + File.separator + "*",
                    "-server",
                    "-Xmx" + BenchSupport.stringProperty("bench.trinoHeap", "2G"),
                    "-XX:+UseG1GC",
                    "-XX:G1HeapRegionSize=32M",
                    "-XX:+ExplicitGCInvokesConcurrent",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-OmitStackTraceInFastThrow",
                    "-XX:ReservedCodeCacheSize=256M",
                    "-XX:PerMethodRecompilationCutoff=10000",
                    "-XX:PerBytecodeRecompilationCutoff=10000",
                    "-Djdk.attach.allowAttachSelf=true",
                    "-Djdk.nio.maxCachedBufferSize=2000000",
                    "-XX:+EnableDynamicAgentLoading",
                    "-Dfile.encoding=UTF-8",
                    "--add-modules=jdk.incubator.vector",
                    "--sun-misc-unsafe-memory-access=allow",
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dnode.environment=queryflux_bench",
                    "-Dnode.id=" + UUID.randomUUID(),
                    "-Dnode.data-dir=" + directory,
                    "-Dnode.bind-ip=" + BenchSupport.LOOPBACK,
                    "-Dnode.internal-address=" + BenchSupport.LOOPBACK,
                    "-Dconfig=" + etc.resolve("config.properties"),
                    "-Dlog.levels-file=" + etc.resolve("log.properties"),
                    "io.trino.server.TrinoServer"));
            Path log = directory.resolve("server.log");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            TrinoLauncher trino = new TrinoLauncher(process, port, log);
            try {
                trino.await(Duration.ofMinutes(4));
            }
            catch (RuntimeException e) {
                trino.close();
                throw e;
            }
            return trino;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri()
    {
        return URI.create("http://" + BenchSupport.LOOPBACK + ":" + port);
    }

    String jdbcUrl()
    {
        return "jdbc:trino://" + BenchSupport.LOOPBACK + ":" + port;
    }

    long pid()
    {
        return process.pid();
    }

    Path log()
    {
        return log;
    }

    private void await(Duration timeout)
    {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Trino exited with code " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<String> info = client.send(HttpRequest.newBuilder(uri().resolve("/v1/info")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (info.statusCode() == 200 && info.body().contains("\"starting\":false") && ranQuery()) {
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
            ServerProcess.sleep(500);
        }
        throw new IllegalStateException("Trino did not become ready within " + timeout + "; see " + log);
    }

    // Trino answers /v1/info before its worker has announced itself; a query proves it is usable.
    private boolean ranQuery()
    {
        Properties properties = new Properties();
        properties.setProperty("user", "bench");
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), properties);
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT count(*) FROM tpch.tiny.nation")) {
            return resultSet.next() && resultSet.getLong(1) == 25;
        }
        catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close()
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
    }

    private static Path home()
    {
        String configured = System.getProperty("bench.trinoHome");
        if (configured != null && !configured.isBlank()) {
            return requireInstallation(Path.of(configured));
        }
        Path preferred = Path.of("queryflux-jetty/target-bench/trino-server/trino-server-476");
        if (Files.isDirectory(preferred.resolve("lib"))) {
            return preferred.toAbsolutePath();
        }
        try (Stream<Path> targets = Files.list(Path.of("queryflux-jetty"))) {
            Optional<Path> found = targets.filter(path -> path.getFileName().toString().startsWith("target"))
                    .map(path -> path.resolve("trino-server"))
                    .filter(Files::isDirectory)
                    .flatMap(TrinoLauncher::children)
                    .filter(path -> Files.isDirectory(path.resolve("lib")))
                    .findFirst();
            if (found.isPresent()) {
                return found.get().toAbsolutePath();
            }
        }
        catch (IOException e) {
            // fall through
        }
        throw new IllegalStateException("No Trino installation: set -Dbench.trinoHome, or unpack one with "
                + "mvn -q -Dqf.target=target-bench -Pit -pl queryflux-jetty dependency:unpack@unpack-trino-server");
    }

    private static Stream<Path> children(Path directory)
    {
        try (Stream<Path> children = Files.list(directory)) {
            return children.toList().stream();
        }
        catch (IOException e) {
            return Stream.empty();
        }
    }

    private static Path requireInstallation(Path home)
    {
        if (!Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException("No Trino installation at " + home + " (no lib/)");
        }
        return home.toAbsolutePath();
    }

    private static Path javaHome()
    {
        String configured = System.getProperty("bench.trinoJavaHome", System.getenv("TRINO_JAVA_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(path -> Files.isExecutable(path.resolve("bin/java")))
                    .filter(path -> featureVersion(path) >= 24)
                    .max(Comparator.comparingInt(TrinoLauncher::featureVersion))
                    .orElseThrow(() -> new IllegalStateException("Trino 476 needs a JDK 24+; set -Dbench.trinoJavaHome"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int featureVersion(Path jdk)
    {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        }
        catch (IOException | RuntimeException e) {
            // not a JDK we can use
        }
        return 0;
    }

    /**
     * The bench needs only the tpch plugin: a plugin directory of its own links to it, so that other
     * plugins the build unpacked (such as spooling-filesystem, whose jars the tests restore from the
     * tarball) are not loaded.
     */
    private static Path benchPlugins(Path home, Path directory)
            throws IOException
    {
        Path plugins = Files.createDirectories(directory.resolve("plugin"));
        Path tpch = plugins.resolve("tpch");
        if (!Files.exists(tpch)) {
            Files.createSymbolicLink(tpch, home.resolve("plugin/tpch").toAbsolutePath());
        }
        return plugins;
    }

    /**
     * The tarball stores jars shared by several plugins as hard links, which Maven unpacks as empty
     * files; copy them from lib/ (as the jetty module's TrinoInstallation does).
     */
    private static void repairHardLinks(Path plugins, Path lib)
            throws IOException
    {
        try (Stream<Path> pluginDirectories = Files.list(plugins)) {
            for (Path plugin : pluginDirectories.toList()) {
                try (Stream<Path> jars = Files.list(plugin)) {
                    for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                        if (Files.size(jar) == 0) {
                            Path original = lib.resolve(jar.getFileName());
                            Path temporary = jar.resolveSibling(jar.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                            Files.copy(original, temporary, StandardCopyOption.REPLACE_EXISTING);
                            Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                }
            }
        }
    }
}
