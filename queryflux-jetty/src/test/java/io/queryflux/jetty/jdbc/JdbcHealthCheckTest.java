package io.queryflux.jetty.jdbc;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.jetty.TestingServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.queryflux.jetty.TestingServer.await;
import static io.queryflux.jetty.jdbc.JdbcEngines.NO_NODES_AVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The background health probe of {@code engine: jdbc}: a cluster whose URL points at a closed port
 * is found unhealthy, its group then refuses queries at once with NO_NODES_AVAILABLE, and a second
 * group on the real PostgreSQL keeps working.
 */
@Tag("it")
class JdbcHealthCheckTest
{
    private static final String DOWN_GROUP = "down";
    private static final String POSTGRES_GROUP = "postgres";
    private static final String DOWN_USER = "to-the-down-group";

    @Test
    void unreachableClusterIsUnhealthy()
            throws Exception
    {
        int closedPort = closedPort();
        ClusterGroupConfig down = JdbcEngines.jdbcGroup(DOWN_GROUP, Map.of("url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/test", "user", "postgres"))
                .property("healthCheck", Map.of("interval", "200ms", "timeout", "1s"))
                // Without the breaker only the probe can take the cluster out: the failing queries below cannot.
                .property("circuitBreaker", Map.of("enabled", false))
                .build();
        ClusterGroupConfig postgres = JdbcEngines.jdbcGroup(POSTGRES_GROUP, JdbcEngines.postgresCluster()).build();

        try (TestingServer server = TestingServer.start(JdbcEngines.routedByUser(List.of(down, postgres), DOWN_USER, DOWN_GROUP, POSTGRES_GROUP));
                Connection toDown = JdbcEngines.connectTrino(server, DOWN_USER);
                Connection toPostgres = JdbcEngines.connectTrino(server, "test")) {
            AtomicReference<SQLException> last = new AtomicReference<>();
            await("the probe marks the cluster unhealthy", Duration.ofSeconds(10), () -> {
                SQLException failure = catchThrowableOfType(SQLException.class, () -> query(toDown, "SELECT 1"));
                assertThat((Throwable) failure).as("a query to a closed port").isNotNull();
                last.set(failure);
                return failure.getErrorCode() == NO_NODES_AVAILABLE;
            });
            assertThat(last.get().getMessage()).contains("unhealthy").contains(DOWN_GROUP + "-1");

            long start = System.nanoTime();
            SQLException failure = catchThrowableOfType(SQLException.class, () -> query(toDown, "SELECT 1"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat((Throwable) failure).isNotNull();
            assertThat(failure.getErrorCode()).as(failure.toString()).isEqualTo(NO_NODES_AVAILABLE);
            assertThat(elapsed).as("refused at once, without trying the engine").isLessThan(Duration.ofSeconds(2));
            assertThat(server.queryFlux().runningQueries(DOWN_GROUP)).isZero();
            assertThat(server.queryFlux().queuedQueries(DOWN_GROUP)).isZero();

            assertThat(query(toPostgres, "SELECT 6 * 7")).isEqualTo("42");
        }
    }

    private static String query(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            assertThat(resultSet.next()).isTrue();
            return resultSet.getString(1);
        }
    }

    /** A local port nobody listens on (just released by this process). */
    private static int closedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
