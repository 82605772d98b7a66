package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ConnectionPoolTest
{
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void reusesAHealthyConnectionWithoutValidating()
            throws SQLException
    {
        FakeFactory factory = new FakeFactory();
        Connection connection = factory.add(true);
        try (ConnectionPool pool = new ConnectionPool("c", factory, 1, null, SHORT)) {
            pool.borrow().release(true);
            ConnectionPool.Lease lease = pool.borrow();
            assertThat(lease.connection()).isSameAs(connection);
            lease.release(true);
        }
        verify(connection, never()).isValid(anyInt());
        assertThat(factory.opened).isEqualTo(1);
    }

    @Test
    void replacesAConnectionThatFailedAndIsBroken()
            throws SQLException
    {
        FakeFactory factory = new FakeFactory();
        Connection broken = factory.add(false);
        Connection fresh = factory.add(true);
        try (ConnectionPool pool = new ConnectionPool("c", factory, 1, null, SHORT)) {
            pool.borrow().release(false);
            ConnectionPool.Lease lease = pool.borrow();
            assertThat(lease.connection()).isSameAs(fresh);
            lease.release(true);
        }
        verify(broken).close();
    }

    @Test
    void keepsAConnectionThatFailedButPassesTheValidationQuery()
            throws SQLException
    {
        FakeFactory factory = new FakeFactory();
        Connection connection = factory.add(true);
        Statement statement = mock(Statement.class);
        when(connection.createStatement()).thenReturn(statement);
        try (ConnectionPool pool = new ConnectionPool("c", factory, 1, "SELECT 1", SHORT)) {
            pool.borrow().release(false);
            assertThat(pool.borrow().connection()).isSameAs(connection);
        }
        verify(statement).execute("SELECT 1");
    }

    @Test
    void replacesAConnectionWhoseValidationQueryFails()
            throws SQLException
    {
        FakeFactory factory = new FakeFactory();
        Connection broken = factory.add(true);
        Statement statement = mock(Statement.class);
        when(broken.createStatement()).thenReturn(statement);
        when(statement.execute(anyString())).thenThrow(new SQLException("connection reset", "08006"));
        Connection fresh = factory.add(true);
        try (ConnectionPool pool = new ConnectionPool("c", factory, 1, "SELECT 1", SHORT)) {
            pool.borrow().release(false);
            assertThat(pool.borrow().connection()).isSameAs(fresh);
        }
    }

    @Test
    void boundsTheWaitForAFreeConnection()
    {
        FakeFactory factory = new FakeFactory();
        factory.add(true);
        try (ConnectionPool pool = new ConnectionPool("c", factory, 1, null, SHORT)) {
            ConnectionPool.Lease lease = pool.borrow();
            assertThatThrownBy(pool::borrow)
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessageContaining("No connection to cluster 'c' became free");
            lease.release(true);
            // Releasing twice must not create a second permit.
            lease.release(true);
            ConnectionPool.Lease again = pool.borrow();
            assertThatThrownBy(pool::borrow).isInstanceOf(QueryFluxException.class);
            again.release(true);
        }
    }

    @Test
    void aFailedConnectAttemptFailsTheQueryAndFreesItsPlace()
    {
        FakeFactory factory = new FakeFactory();
        factory.failures.add(new SQLException("Connection refused to jdbc:fake://user:secret@host/db", "08001"));
        Connection connection = factory.add(true);
        try (ConnectionPool pool = new ConnectionPool("c", factory, 1, null, SHORT)) {
            assertThatThrownBy(pool::borrow)
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessage("Cannot connect to cluster 'c' (fake): Connection refused to [redacted]");
            assertThat(pool.borrow().connection()).isSameAs(connection);
        }
    }

    @Test
    void closeClosesIdleAndBorrowedConnectionsAndTheFactory()
            throws SQLException
    {
        FakeFactory factory = new FakeFactory();
        Connection idle = factory.add(true);
        Connection borrowed = factory.add(true);
        ConnectionPool pool = new ConnectionPool("c", factory, 2, null, SHORT);
        ConnectionPool.Lease first = pool.borrow();
        ConnectionPool.Lease second = pool.borrow();
        first.release(true);
        pool.close();

        verify(idle).close();
        verify(borrowed).close();
        assertThat(factory.closed).isTrue();
        second.release(true);
        assertThatThrownBy(pool::borrow)
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                .hasMessageContaining("shut down");
        assertThat(second.connection()).isSameAs(borrowed);
    }

    private static final class FakeFactory
            implements ConnectionFactory
    {
        private final Deque<Connection> connections = new ArrayDeque<>();
        private final List<SQLException> failures = new ArrayList<>();
        private int opened;
        private boolean closed;

        Connection add(boolean valid)
        {
            Connection connection = mock(Connection.class);
            try {
                when(connection.isValid(anyInt())).thenReturn(valid);
            }
            catch (SQLException e) {
                throw new AssertionError(e);
            }
            connections.add(connection);
            return connection;
        }

        @Override
        public Connection open()
                throws SQLException
        {
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            opened++;
            return connections.remove();
        }

        @Override
        public String describe()
        {
            return "fake";
        }

        @Override
        public String sanitize(String message)
        {
            return message.replace("jdbc:fake://user:secret@host/db", "[redacted]");
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }
}
