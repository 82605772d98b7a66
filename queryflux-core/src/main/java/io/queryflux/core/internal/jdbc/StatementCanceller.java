package io.queryflux.core.internal.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cancels one running statement on behalf of {@link io.queryflux.spi.Cancellation}, safely against
 * both races: a cancel that arrives before the engine has started the statement (drivers ignore
 * {@link Statement#cancel} then, so it is repeated until the statement ends) and one that arrives
 * after it ended (never reaches the connection, which may already run another query).
 */
final class StatementCanceller
{
    private static final Logger log = LoggerFactory.getLogger(StatementCanceller.class);
    private static final long RETRY_MILLIS = 100;
    private static final int MAX_ATTEMPTS = 600;
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "queryflux-jdbc-cancel");
        thread.setDaemon(true);
        return thread;
    });

    private final Statement statement;
    private boolean finished; // guarded by this
    private int attempts; // guarded by this

    StatementCanceller(Statement statement)
    {
        this.statement = statement;
    }

    /** Cancels the statement now and again until it has {@linkplain #finish() finished}. */
    void cancel()
    {
        if (attemptCancel()) {
            RETRIES.schedule(this::cancel, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Called by the query thread before it closes the statement; no cancel reaches it afterwards. */
    synchronized void finish()
    {
        finished = true;
    }

    /** Whether to try again. */
    private synchronized boolean attemptCancel()
    {
        if (finished || attempts++ >= MAX_ATTEMPTS) {
            return false;
        }
        try {
            statement.cancel();
        }
        catch (SQLException | RuntimeException e) {
            log.debug("Cannot cancel a statement", e);
        }
        return true;
    }
}
