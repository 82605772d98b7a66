package io.queryflux.jetty.it;

import io.trino.jdbc.TrinoStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Statement#cancel()} of trino-jdbc reaches Trino through QueryFlux: the client's
 * {@code DELETE} of the query's URI is relayed, and Trino stops the query at once.
 */
@Tag("it")
class TrinoRelayCancelTest
{
    // Runs for hours on a test machine: it ends only by being cancelled.
    private static final String ENDLESS_QUERY = "SELECT count(*) FROM tpch.sf1000.lineitem";
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);

    private static TestingTrinoServer trino;
    private static TrinoQueryTable queries;
    private static QueryFluxOnTrino queryFlux;

    @BeforeAll
    static void start()
    {
        trino = TestingTrinoServer.shared();
        queries = new TrinoQueryTable(trino);
        queryFlux = QueryFluxOnTrino.start(trino);
    }

    @AfterAll
    static void stop()
    {
        if (queryFlux != null) {
            queryFlux.close();
        }
    }

    @Test
    void jdbcCancelStopsTheQueryOnTrino()
            throws Exception
    {
        AtomicReference<String> queryId = new AtomicReference<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection connection = queryFlux.connect();
                Statement statement = connection.createStatement()) {
            statement.unwrap(TrinoStatement.class).setProgressMonitor(stats -> queryId.compareAndSet(null, stats.getQueryId()));
            Future<Throwable> execution = executor.submit(() -> {
                try (ResultSet resultSet = statement.executeQuery(ENDLESS_QUERY)) {
                    resultSet.next();
                    return null;
                }
                catch (SQLException e) {
                    return e;
                }
            });
            QueryFluxOnTrino.await("the query's id from trino-jdbc's progress monitor", Duration.ofSeconds(30), () -> queryId.get() != null);
            QueryFluxOnTrino.await("query " + queryId.get() + " RUNNING on Trino", Duration.ofSeconds(30),
                    () -> queries.state(queryId.get()).filter("RUNNING"::equals).isPresent());
            assertThat(queryFlux.running()).isEqualTo(1);

            statement.cancel();
            long cancelled = System.nanoTime();
            QueryFluxOnTrino.await("query " + queryId.get() + " no longer RUNNING on Trino within " + CANCEL_TIMEOUT, CANCEL_TIMEOUT,
                    () -> queries.state(queryId.get()).filter("FAILED"::equals).isPresent());
            System.err.printf("Trino stopped query %s %d ms after Statement.cancel() through QueryFlux%n",
                    queryId.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelled));
            assertThat(queries.errorCode(queryId.get())).contains("USER_CANCELED");

            Throwable failure = execution.get(30, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(SQLException.class);
            queryFlux.awaitIdle();
        }
        finally {
            executor.shutdownNow();
            queries.cancelIfRunning(queryId.get());
        }
    }

    /**
     * The requests a Trino client sends to a running query's nextUri besides GET: the heartbeat
     * ({@code HEAD}, Trino 475+ clients) and the cancel ({@code DELETE}). QueryFlux answers them as
     * Trino does, and the cancel stops the query on Trino.
     */
    @Test
    void heartbeatAndDeleteOfTheNextUriAnswerAsTrinoDoes()
            throws Exception
    {
        List<String> direct = heartbeatAndDelete(trino.uri());
        List<String> proxied = heartbeatAndDelete(queryFlux.uri());

        assertThat(proxied).isEqualTo(direct);
        assertThat(proxied).containsExactly("HEAD 200", "DELETE 204", "FAILED USER_CANCELED");
        queryFlux.awaitIdle();
    }

    private static List<String> heartbeatAndDelete(URI server)
            throws Exception
    {
        RawTrinoClient client = new RawTrinoClient();
        Map<String, Object> page = client.runUntilRunning(server, ENDLESS_QUERY, Duration.ofSeconds(30));
        String queryId = (String) page.get("id");
        String nextUri = (String) page.get("nextUri");
        try {
            List<String> answers = new ArrayList<>();
            answers.add("HEAD " + client.send("HEAD", nextUri).statusCode());
            answers.add("DELETE " + client.send("DELETE", nextUri).statusCode());
            QueryFluxOnTrino.await("query " + queryId + " FAILED on Trino within " + CANCEL_TIMEOUT, CANCEL_TIMEOUT,
                    () -> queries.state(queryId).filter("FAILED"::equals).isPresent());
            answers.add(queries.state(queryId).orElseThrow() + " " + queries.errorCode(queryId).orElse("no error code"));
            return answers;
        }
        finally {
            queries.cancelIfRunning(queryId);
        }
    }
}
