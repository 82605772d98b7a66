package io.queryflux.jetty.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Run directories of earlier Trino servers under the work directory. Each holds a pid file with
 * the server's pid and the pid of the test JVM that started it. A test JVM that was killed
 * (SIGKILL, a surefire fork timeout) runs no shutdown hook, so its Trino outlives it; the next
 * start stops such a server, and removes the directories of servers that are gone.
 */
final class StaleTrinoServers
{
    static final String PID_FILE = "trino.pid";

    private StaleTrinoServers() {}

    static void writePidFile(Path runDirectory, Process trino)
    {
        try {
            Files.writeString(runDirectory.resolve(PID_FILE), trino.pid() + " " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void clean(Path workDirectory)
    {
        List<Path> runDirectories;
        try (Stream<Path> children = Files.list(workDirectory)) {
            runDirectories = children.filter(child -> Files.isRegularFile(child.resolve(PID_FILE))).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A directory without a pid file may belong to a server that another test JVM is starting.
        for (Path runDirectory : runDirectories) {
            Optional<long[]> pids = readPidFile(runDirectory);
            if (pids.isEmpty()) {
                continue;
            }
            Optional<ProcessHandle> trino = ProcessHandle.of(pids.get()[0]).filter(ProcessHandle::isAlive);
            boolean ownerAlive = ProcessHandle.of(pids.get()[1]).map(ProcessHandle::isAlive).orElse(false);
            if (trino.isPresent() && ownerAlive) {
                continue;
            }
            // The command line names the run directory, so a reused pid is never killed.
            if (trino.isPresent() && isServerOf(trino.get(), runDirectory)) {
                trino.get().destroyForcibly();
                trino.get().onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
            deleteRecursively(runDirectory);
        }
    }

    private static Optional<long[]> readPidFile(Path runDirectory)
    {
        try {
            String[] fields = Files.readString(runDirectory.resolve(PID_FILE), StandardCharsets.UTF_8).strip().split(" ");
            return Optional.of(new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])});
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isServerOf(ProcessHandle process, Path runDirectory)
    {
        return process.info().arguments().stream()
                .flatMap(Stream::of)
                .anyMatch(argument -> argument.contains(runDirectory.toString()));
    }

    private static void deleteRecursively(Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // Only disk space is at stake; the next start tries again.
        }
    }
}
