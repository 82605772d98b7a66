package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-size pool of one cluster's connections, sized to the queries QueryFlux admits to the
 * cluster at once. Connections open lazily. One that failed a query, or sat idle for a while, is
 * validated before it is reused and replaced when broken.
 */
final class ConnectionPool
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;
    private static final long IDLE_VALIDATION_NANOS = Duration.ofSeconds(30).toNanos();

    private final String clusterName;
    private final ConnectionFactory factory;
    private final String validationQuery;
    private final Duration borrowTimeout;
    private final Semaphore permits;
    private final Deque<Lease> idle = new ArrayDeque<>(); // guarded by this
    private final Set<Connection> open = new HashSet<>(); // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param validationQuery the query that proves a connection works, or {@code null} for
     *        {@link Connection#isValid}
     */
    ConnectionPool(String clusterName, ConnectionFactory factory, int size, String validationQuery, Duration borrowTimeout)
    {
        this.clusterName = clusterName;
        this.factory = factory;
        this.validationQuery = validationQuery;
        this.borrowTimeout = borrowTimeout;
        this.permits = new Semaphore(Math.max(1, size), true);
    }

    /** A working connection; fails with {@link ErrorCode#BACKEND_UNAVAILABLE} when none can be had. */
    Lease borrow()
    {
        acquirePermit();
        try {
            while (true) {
                Lease lease = pollIdle();
                if (lease == null) {
                    return openLease();
                }
                if (!lease.needsValidation() || isValid(lease.connection)) {
                    lease.released = false;
                    return lease;
                }
                log.debug("Replacing a broken connection to cluster {}", clusterName);
                discard(lease.connection);
            }
        }
        catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /**
     * Proves the engine answers, on a connection of its own, so that a health probe never waits
     * behind running queries nor takes a pooled connection from them.
     */
    void probe(Duration timeout)
    {
        try (Connection connection = factory.open(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute(validationQuery == null ? "SELECT 1" : validationQuery);
        }
        catch (SQLException | RuntimeException e) {
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Cluster '" + clusterName + "' does not answer: " + factory.sanitize(e.getMessage()));
        }
    }

    private void acquirePermit()
    {
        try {
            if (!permits.tryAcquire(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE,
                        "No connection to cluster '" + clusterName + "' became free within " + borrowTimeout.toSeconds() + "s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled while waiting for a connection");
        }
    }

    private synchronized Lease pollIdle()
    {
        if (closed) {
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Cluster '" + clusterName + "' is shut down");
        }
        return idle.pollFirst();
    }

    private Lease openLease()
    {
        Connection connection;
        try {
            connection = factory.open();
        }
        catch (SQLException | RuntimeException e) {
            // The driver's text, but not its exception: a driver may quote the full URL with its password.
            String message = "Cannot connect to cluster '" + clusterName + "' (" + factory.describe() + "): " + factory.sanitize(e.getMessage());
            log.warn(message);
            throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, message);
        }
        synchronized (this) {
            if (!closed) {
                open.add(connection);
                return new Lease(connection);
            }
        }
        closeQuietly(connection);
        throw new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Cluster '" + clusterName + "' is shut down");
    }

    private boolean isValid(Connection connection)
    {
        try {
            if (connection.isClosed()) {
                return false;
            }
            if (validationQuery == null) {
                return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(VALIDATION_TIMEOUT_SECONDS);
                statement.execute(validationQuery);
                return true;
            }
        }
        catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void giveBack(Lease lease, boolean healthy)
    {
        boolean discard;
        synchronized (this) {
            discard = closed;
            if (!closed) {
                lease.suspect = !healthy;
                lease.idleSince = System.nanoTime();
                // Most recently used first: keeps few connections warm when the load is light.
                idle.addFirst(lease);
            }
        }
        if (discard) {
            closeQuietly(lease.connection);
        }
        permits.release();
    }

    private void discard(Connection connection)
    {
        synchronized (this) {
            open.remove(connection);
        }
        closeQuietly(connection);
    }

    /** Closes every connection, including those in use (their queries fail), then the factory. */
    @Override
    public void close()
    {
        List<Connection> connections;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            connections = new ArrayList<>(open);
            open.clear();
            idle.clear();
        }
        connections.forEach(ConnectionPool::closeQuietly);
        try {
            factory.close();
        }
        catch (SQLException | RuntimeException e) {
            log.warn("Cannot close cluster {}", clusterName, e);
        }
    }

    private static void closeQuietly(Connection connection)
    {
        try {
            connection.close();
        }
        catch (SQLException | RuntimeException e) {
            log.debug("Cannot close a connection", e);
        }
    }

    /** A pooled connection, lent out by {@link #borrow()}; give it back exactly once per borrow. */
    final class Lease
    {
        private final Connection connection;
        private boolean suspect;
        private long idleSince;
        private boolean released;

        private Lease(Connection connection)
        {
            this.connection = connection;
            this.idleSince = System.nanoTime();
        }

        Connection connection()
        {
            return connection;
        }

        private boolean needsValidation()
        {
            return suspect || System.nanoTime() - idleSince > IDLE_VALIDATION_NANOS;
        }

        /** Returns the connection; {@code healthy = false} has it validated before its next use. */
        void release(boolean healthy)
        {
            if (released) {
                return;
            }
            released = true;
            giveBack(this, healthy);
        }
    }
}
