package io.queryflux.jetty.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.queryflux.jetty.TestingServer.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million rows from Firebolt through QueryFlux to trino-jdbc. The result (about 100 MB of JSON) is
 * never held whole: while the client pauses, the engine stalls after a small part of it, because
 * QueryFlux reads Firebolt's answer only as fast as the client takes pages.
 */
class FireboltMillionRowsTest
{
    private static final Logger log = LoggerFactory.getLogger(FireboltMillionRowsTest.class);
    private static final int ROWS = 1_000_000;
    private static final String SQL = "SELECT i, repeat('x', 90) AS pad FROM range(" + ROWS + ") t(i)";

    private static TestingFireboltServer firebolt;
    private static TestingFireboltCore core;

    @BeforeAll
    static void start()
    {
        firebolt = TestingFireboltServer.start(4);
        core = firebolt.core();
    }

    @AfterAll
    static void stop()
    {
        firebolt.close();
    }

    @Test
    void aPausedClientStallsTheEngineAndThenGetsEveryRow()
            throws SQLException
    {
        try (Connection connection = firebolt.server().connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(SQL)) {
            long sum = 0;
            long rows = 0;
            while (rows < 1000 && result.next()) {
                sum += result.getLong(1);
                rows++;
            }

            // The client pauses: the engine must stop too, long before the end of the result.
            awaitStall();
            log.info("With the client paused after {} rows, the engine stalled after sending {} of {} rows", rows, core.rowsSent(), ROWS);
            assertThat(core.rowsSent()).isLessThan(ROWS / 2);

            while (result.next()) {
                sum += result.getLong(1);
                assertThat(result.getString(2)).hasSize(90);
                rows++;
            }
            assertThat(rows).isEqualTo(ROWS);
            assertThat(sum).isEqualTo((long) ROWS * (ROWS - 1) / 2);
        }
        await("the slot to be free", Duration.ofSeconds(30), () -> firebolt.runningQueries() == 0);
    }

    /** Waits until the engine has sent no row for a while: its writes block on a full connection. */
    private static void awaitStall()
    {
        AtomicLong last = new AtomicLong(-1);
        AtomicLong since = new AtomicLong(System.nanoTime());
        await("the engine to stall", Duration.ofSeconds(60), () -> {
            long sent = core.rowsSent();
            if (sent != last.getAndSet(sent)) {
                since.set(System.nanoTime());
                return false;
            }
            return System.nanoTime() - since.get() > Duration.ofMillis(500).toNanos();
        });
    }
}
