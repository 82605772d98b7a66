package io.queryflux.jetty.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Trino server (the version the {@code it} profile unpacks, with the {@code tpch} and
 * {@code memory} catalogs) in its own JVM, listening on a free loopback port. It speaks the
 * spooling protocol to clients that ask for it: result segments go to an in-memory S3
 * ({@link TestingS3Server}, in this JVM) and clients fetch them through the coordinator.
 *
 * <p>Test classes share one server per test JVM through {@link #shared()}; it stops when the JVM
 * exits. {@link #start()} gives a test its own server, which it must {@link #close()}.
 * Starting takes tens of seconds and about 2 GB of heap, so prefer the shared one.
 *
 * <p>System properties: {@value TrinoInstallation#HOME_PROPERTY} (set by the pom),
 * {@value #WORK_DIRECTORY_PROPERTY} (where each run writes its {@code etc/}, data and log; set by
 * the pom) and {@value TrinoJavaHome#PROPERTY} (a JDK 24+; see {@link TrinoJavaHome#find()}).
 */
public final class TestingTrinoServer
        implements AutoCloseable
{
    public static final String WORK_DIRECTORY_PROPERTY = "trino.server.work-dir";

    // Below surefire's 30 s forkedProcessExitTimeoutInSeconds, so that a shutdown hook that
    // stops the server is not itself killed half-way.
    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration FORCED_STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 100;

    private static TestingTrinoServer shared;
    private static RuntimeException sharedFailure;

    private final Process process;
    private final TrinoServerFiles files;
    private final int port;
    private final TestingS3Server spoolingStorage;
    private final Thread shutdownHook;
    private Duration startupTime;
    private boolean closed;

    private TestingTrinoServer(Process process, TrinoServerFiles files, int port, TestingS3Server spoolingStorage)
    {
        this.process = process;
        this.files = files;
        this.port = port;
        this.spoolingStorage = spoolingStorage;
        this.shutdownHook = new Thread(this::stopProcess, "stop-trino-server-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The server of this JVM, started on first use and stopped when the JVM exits. A failed start
     * is remembered, so that the test classes after the first one fail at once.
     */
    public static synchronized TestingTrinoServer shared()
    {
        if (sharedFailure != null) {
            throw new IllegalStateException("The shared Trino server failed to start earlier", sharedFailure);
        }
        if (shared == null) {
            try {
                shared = start();
            }
            catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        if (!shared.process.isAlive()) {
            throw new IllegalStateException("The shared Trino server exited with code " + shared.process.exitValue() + "; log " + shared.logFile()
                    + ", last " + LOG_TAIL_LINES + " lines:\n" + new TrinoServerLog(shared.logFile()).tail(LOG_TAIL_LINES));
        }
        return shared;
    }

    /** Starts a server of its own for the caller, who must close it. */
    public static TestingTrinoServer start()
    {
        TrinoInstallation installation = TrinoInstallation.locate();
        Path javaHome = TrinoJavaHome.find();
        Path workDirectory = workDirectory();
        StaleTrinoServers.clean(workDirectory);
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(installation, javaHome, workDirectory);
            }
            catch (TrinoStartup.PortTakenException e) {
                // The port was free when chosen, and another process took it before Trino bound it.
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:41234}: the Trino client protocol's base URI. */
    public URI uri()
    {
        return URI.create("http://" + TrinoServerFiles.LOOPBACK + ":" + port);
    }

    /** A trino-jdbc URL for the server, without catalog or schema. */
    public String jdbcUrl()
    {
        return "jdbc:trino://" + TrinoServerFiles.LOOPBACK + ":" + port;
    }

    public int port()
    {
        return port;
    }

    /** Where the server spools result segments of the spooling protocol: a testing S3 server in this JVM. */
    public TestingS3Server spoolingStorage()
    {
        return spoolingStorage;
    }

    /** Trino's stdout and stderr: its log. */
    public Path logFile()
    {
        return files.log();
    }

    /** From launching the server's JVM to its first query. */
    public Duration startupTime()
    {
        return startupTime;
    }

    /** Stops the server and waits for its JVM to exit. Closing {@link #shared()} is left to the JVM's exit. */
    @Override
    public void close()
    {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException e) {
            // The JVM is exiting, and the hook is stopping the server already (or will).
        }
        stopProcess();
    }

    @Override
    public String toString()
    {
        return "Trino server at " + uri() + " (log " + logFile() + ")";
    }

    private static TestingTrinoServer launch(TrinoInstallation installation, Path javaHome, Path workDirectory)
    {
        int port = freePort();
        TestingS3Server spoolingStorage = TestingS3Server.start();
        TrinoServerFiles files;
        try {
            files = TrinoServerFiles.write(Files.createTempDirectory(workDirectory, "run-"), installation, port, spoolingStorage.endpoint());
        }
        catch (IOException e) {
            spoolingStorage.close();
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException e) {
            spoolingStorage.close();
            throw e;
        }
        List<String> command = files.command(javaHome, installation);
        ProcessBuilder builder = new ProcessBuilder(command)
                // Like Trino's launcher: the server runs in its data directory, where etc/ is.
                .directory(files.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(files.log().toFile());
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException e) {
            spoolingStorage.close();
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        TestingTrinoServer server = new TestingTrinoServer(process, files, port, spoolingStorage);
        try {
            StaleTrinoServers.writePidFile(files.directory(), process);
            TrinoStartup.Durations durations = new TrinoStartup(process, new TrinoServerLog(files.log()), server.uri(), server.jdbcUrl(), command, startNanos).await();
            server.startupTime = durations.ready();
            // Surefire shows this on the console; CI logs show where the time goes.
            System.err.printf("Trino server at %s: SERVER STARTED after %.1f s, ran a query after %.1f s (log %s)%n",
                    server.uri(), durations.started().toMillis() / 1000.0, durations.ready().toMillis() / 1000.0, server.logFile());
            return server;
        }
        catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    // Synchronized: close() and the shutdown hook may both get here.
    private synchronized void stopProcess()
    {
        if (closed) {
            return;
        }
        closed = true;
        // Trino starts no processes of its own, but whatever one may start must not outlive it.
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            // SIGTERM: Trino's shutdown hooks stop it in an orderly way.
            process.destroy();
            if (!process.waitFor(GRACEFUL_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(FORCED_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally {
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            spoolingStorage.close();
        }
    }

    private static Path workDirectory()
    {
        String configured = System.getProperty(WORK_DIRECTORY_PROPERTY);
        Path directory = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "queryflux-trino-server")
                : Path.of(configured);
        try {
            return Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(TrinoServerFiles.LOOPBACK))) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
