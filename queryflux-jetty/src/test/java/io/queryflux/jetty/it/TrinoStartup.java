package io.queryflux.jetty.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Waits, with one deadline, until a Trino server that was just launched can run queries:
 * it logged {@code SERVER STARTED}, {@code /v1/info} says {@code "starting":false}, and a
 * query that needs a worker runs. Polls, and returns early when the server exits.
 */
final class TrinoStartup
{
    static final Duration TIMEOUT = Duration.ofSeconds(180);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 100;
    private static final String STARTED_MARKER = "SERVER STARTED";
    private static final Pattern NOT_STARTING = Pattern.compile("\"starting\"\\s*:\\s*false");
    // A tiny table of the tpch connector: reading it needs an active worker node.
    private static final String PROBE_QUERY = "SELECT count(*) FROM tpch.tiny.region";
    private static final int PROBE_TIMEOUT_SECONDS = 30;
    private static final String NO_NODES = "No nodes available";

    private final Process process;
    private final TrinoServerLog log;
    private final URI uri;
    private final String jdbcUrl;
    private final List<String> command;
    private final long startNanos;
    private final long deadlineNanos;

    TrinoStartup(Process process, TrinoServerLog log, URI uri, String jdbcUrl, List<String> command, long startNanos)
    {
        this.process = process;
        this.log = log;
        this.uri = uri;
        this.jdbcUrl = jdbcUrl;
        this.command = List.copyOf(command);
        this.startNanos = startNanos;
        this.deadlineNanos = startNanos + TIMEOUT.toNanos();
    }

    /** Returns how long the server took to log SERVER STARTED, and to be ready; throws {@link PortTakenException} if it could not bind its port. */
    Durations await()
    {
        while (!log.appeared(STARTED_MARKER)) {
            checkProgress("did not log " + STARTED_MARKER);
            pause();
        }
        Duration started = elapsed();
        awaitInfoNotStarting();
        awaitWorker();
        return new Durations(started, elapsed());
    }

    /** Time from launching the JVM to {@code SERVER STARTED}, and to running a query. */
    record Durations(Duration started, Duration ready) {}

    /** The server exited because another process took its port between choosing and binding it. */
    static final class PortTakenException
            extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message)
        {
            super(message);
        }
    }

    // Trino's own Docker health check waits for this.
    private void awaitInfoNotStarting()
    {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/v1/info")).timeout(Duration.ofSeconds(5)).GET().build();
        String lastAnswer = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && NOT_STARTING.matcher(response.body()).find()) {
                    return;
                }
                lastAnswer = response.statusCode() + " " + response.body();
            }
            catch (IOException e) {
                lastAnswer = e.toString();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while Trino started", e);
            }
            checkProgress("logged " + STARTED_MARKER + ", but /v1/info does not say \"starting\":false (" + lastAnswer + ")");
            pause();
        }
    }

    // After startup the coordinator lists no active node (not even itself, though it is a
    // worker too) until its node manager refreshes, a few seconds later; queries in between
    // fail with NO_NODES_AVAILABLE.
    private void awaitWorker()
    {
        Properties properties = new Properties();
        properties.setProperty("user", "queryflux-it");
        while (true) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
                    Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
                try (ResultSet resultSet = statement.executeQuery(PROBE_QUERY)) {
                    resultSet.next();
                    return;
                }
            }
            catch (SQLException e) {
                if (e.getMessage() == null || !e.getMessage().contains(NO_NODES)) {
                    throw new IllegalStateException(failure("failed " + PROBE_QUERY + ": " + e), e);
                }
                checkProgress("still has no active node for " + PROBE_QUERY);
                pause();
            }
        }
    }

    private void checkProgress(String problem)
    {
        if (!process.isAlive()) {
            String message = failure("exited with code " + process.exitValue() + " during startup");
            if (log.contains("Address already in use")) {
                throw new PortTakenException(message);
            }
            throw new IllegalStateException(message);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new IllegalStateException(failure(problem + " within " + TIMEOUT.toSeconds() + " s"));
        }
    }

    private String failure(String problem)
    {
        return "The Trino server at " + uri + " " + problem + "\ncommand: " + String.join(" ", command)
                + "\nlog " + log.file() + ", last " + LOG_TAIL_LINES + " lines:\n" + log.tail(LOG_TAIL_LINES);
    }

    // Waiting on the process, not sleeping: returns at once if the server exits.
    private void pause()
    {
        try {
            process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Trino started", e);
        }
    }

    private Duration elapsed()
    {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
