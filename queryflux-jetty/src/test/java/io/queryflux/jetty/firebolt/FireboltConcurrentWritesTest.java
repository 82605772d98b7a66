package io.queryflux.jetty.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TestingServer.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten Trino clients write to one Firebolt engine at once, which would reject all but one: QueryFlux
 * makes them take turns, so all succeed, and a read meanwhile is not held up.
 */
class FireboltConcurrentWritesTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TestingFireboltServer firebolt;
    private TestingFireboltCore core;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeEach
    void start()
    {
        firebolt = TestingFireboltServer.start(16);
        core = firebolt.core();
        core.execute("CREATE TABLE events (n INTEGER)");
    }

    @AfterEach
    void stop()
    {
        core.releaseWrites();
        clients.shutdownNow();
        firebolt.close();
    }

    @Test
    void tenConcurrentWritersAllSucceedOneAtATimeWhileReadsGoOn()
            throws Exception
    {
        core.holdWrites();
        List<CompletableFuture<Integer>> writers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int value = i;
            writers.add(CompletableFuture.supplyAsync(() -> insert(value), clients));
        }
        await("one write inside the engine and all ten running in QueryFlux", TIMEOUT, () -> core.writesHeld() == 1 && firebolt.runningQueries() == 10);

        assertThat(count()).isZero();
        assertThat(core.rejectedWrites()).isZero();

        core.releaseWrites();
        for (CompletableFuture<Integer> writer : writers) {
            assertThat(writer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isZero();
        }
        assertThat(core.rejectedWrites()).isZero();
        assertThat(count()).isEqualTo(10);
        await("every slot to be free", TIMEOUT, () -> firebolt.runningQueries() == 0);
    }

    private int insert(int value)
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO events VALUES (" + value + ")");
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count()
            throws SQLException
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM events")) {
            result.next();
            return result.getLong(1);
        }
    }
}
