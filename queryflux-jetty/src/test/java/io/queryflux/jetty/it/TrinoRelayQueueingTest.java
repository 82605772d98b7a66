package io.queryflux.jetty.it;

import io.queryflux.jetty.TestingTrinoCli;
import io.trino.jdbc.TrinoStatement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code maxRunningQueries: 1} on the Trino group, a second CLI query waits in QueryFlux's
 * queue while the first runs on Trino, then runs; both get their results.
 */
@Tag("it")
class TrinoRelayQueueingTest
{
    @Test
    void secondCliQueryWaitsForTheFirst()
            throws Exception
    {
        TestingTrinoServer trino = TestingTrinoServer.shared();
        // A marker in the statement finds both queries in Trino's query table afterwards.
        String marker = "qf-queue-" + System.nanoTime();
        String sql = "SELECT count(*), '" + marker + "' FROM tpch.sf1.lineitem";
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (QueryFluxOnTrino queryFlux = QueryFluxOnTrino.start(trino, 1)) {
            List<Future<TestingTrinoCli.Result>> clients = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                clients.add(executor.submit(() -> TestingTrinoCli.execute(queryFlux.uri(), sql, "--output-format=CSV")));
            }
            int[] maxRunning = new int[1];
            QueryFluxOnTrino.await("one query running and one queued in QueryFlux", Duration.ofSeconds(60), () -> {
                maxRunning[0] = Math.max(maxRunning[0], queryFlux.running());
                return queryFlux.queued() == 1 && queryFlux.running() == 1;
            });
            assertThat(maxRunning[0]).isEqualTo(1);

            for (Future<TestingTrinoCli.Result> client : clients) {
                TestingTrinoCli.Result result = client.get(3, TimeUnit.MINUTES);
                assertThat(result.exitCode()).as(result::toString).isZero();
                assertThat(result.lines()).as(result::toString).containsExactly("\"6001215\",\"" + marker + "\"");
            }
            queryFlux.awaitIdle();
        }
        finally {
            executor.shutdownNow();
        }

        // Trino saw the second query only after the first had ended.
        List<Timestamp[]> runs = new TrinoQueryTable(trino).countQueriesWith(marker);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1)[0]).isAfterOrEqualTo(runs.get(0)[1]);
    }

    /**
     * trino-jdbc's {@link Statement#cancel()} of a query that waits in QueryFlux's queue ends it
     * there: it leaves the queue at once and never reaches Trino.
     */
    @Test
    void jdbcCancelOfAQueuedQuery()
            throws Exception
    {
        TestingTrinoServer trino = TestingTrinoServer.shared();
        String marker = "qf-queued-cancel-" + System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        AtomicReference<String> runningQueryId = new AtomicReference<>();
        try (QueryFluxOnTrino queryFlux = QueryFluxOnTrino.start(trino, 1);
                Connection connection = queryFlux.connect();
                Statement running = connection.createStatement();
                Statement queued = connection.createStatement()) {
            running.unwrap(TrinoStatement.class).setProgressMonitor(stats -> runningQueryId.compareAndSet(null, stats.getQueryId()));
            Future<Throwable> first = executor.submit(() -> failureOf(running, "SELECT count(*) FROM tpch.sf1000.lineitem"));
            QueryFluxOnTrino.await("the first query holds the group's only slot", Duration.ofSeconds(30), () -> queryFlux.running() == 1 && runningQueryId.get() != null);
            // trino-jdbc can cancel a statement once it has the answer to its POST; the progress monitor hears of that answer.
            AtomicReference<String> queuedQueryId = new AtomicReference<>();
            queued.unwrap(TrinoStatement.class).setProgressMonitor(stats -> queuedQueryId.compareAndSet(null, stats.getQueryId()));
            Future<Throwable> second = executor.submit(() -> failureOf(queued, "SELECT count(*), '" + marker + "' FROM tpch.tiny.nation"));
            QueryFluxOnTrino.await("the second query queued in QueryFlux", Duration.ofSeconds(30), () -> queryFlux.queued() == 1 && queuedQueryId.get() != null);

            queued.cancel();
            QueryFluxOnTrino.await("the cancelled query leaves the queue", Duration.ofSeconds(5), () -> queryFlux.queued() == 0);
            assertThat(second.get(30, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
            assertThat(queryFlux.running()).isEqualTo(1);

            running.cancel();
            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
            queryFlux.awaitIdle();
        }
        finally {
            executor.shutdownNow();
            new TrinoQueryTable(trino).cancelIfRunning(runningQueryId.get());
        }
        assertThat(new TrinoQueryTable(trino).countQueriesWith(marker)).isEmpty();
    }

    private static Throwable failureOf(Statement statement, String sql)
    {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                resultSet.getObject(1);
            }
            return null;
        }
        catch (SQLException e) {
            return e;
        }
    }
}
