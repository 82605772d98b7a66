package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TestingConfigs.TESTING_GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JDBC {@code Statement.cancel()} on the testing engine's {@code block}: the cancel reaches the
 * engine, the slot of a group admitting one query is freed, and the next query runs.
 */
class CancelTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingQueryFlux.testingGroup(1, Map.of()));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void statementCancelFreesTheSlot()
            throws Exception
    {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            // trino-jdbc's cancel() is a no-op until the executing thread has its client (after the
            // POST returned); the progress monitor is first called from that client's polling loop.
            java.util.concurrent.CountDownLatch polling = new java.util.concurrent.CountDownLatch(1);
            statement.unwrap(io.trino.jdbc.TrinoStatement.class).setProgressMonitor(stats -> polling.countDown());
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    statement.executeQuery("block").close();
                }
                catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(polling.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the client polls").isTrue();
            TestingServer.await("the query runs", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 1 && server.backend().running() == 1);

            statement.cancel();

            assertThatThrownBy(() -> running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().cause().isInstanceOf(SQLException.class);
            TestingServer.await("the backend stopped", DEADLINE, () -> server.backend().running() == 0);
            TestingServer.await("the slot is released", DEADLINE, () -> server.queryFlux().runningQueries(TESTING_GROUP) == 0);
        }

        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("rows 1")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong(1)).isZero();
            assertThat(resultSet.next()).isFalse();
        }
        assertThat(server.queryFlux().runningQueries(TESTING_GROUP)).isZero();
    }
}
