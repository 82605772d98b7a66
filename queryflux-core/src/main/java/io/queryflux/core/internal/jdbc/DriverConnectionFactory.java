package io.queryflux.core.internal.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Opens connections with {@link DriverManager}. The cluster's {@code initSql} runs once, on the
 * first connection that opens, so that a cluster that is down at server start only fails its
 * queries until it comes back.
 */
final class DriverConnectionFactory
        implements ConnectionFactory
{
    private final String url;
    private final Properties properties;
    private final List<String> initSql;
    private boolean initialized; // guarded by this

    DriverConnectionFactory(String url, Properties properties, List<String> initSql)
    {
        this.url = url;
        this.properties = (Properties) properties.clone();
        this.initSql = List.copyOf(initSql);
    }

    @Override
    public Connection open()
            throws SQLException
    {
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            initializeOnce(connection);
        }
        catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private synchronized void initializeOnce(Connection connection)
            throws SQLException
    {
        if (initialized) {
            return;
        }
        runInitSql(connection, initSql);
        initialized = true;
    }

    /** Runs each statement of {@code initSql}; a failure names the statement by its position. */
    static void runInitSql(Connection connection, List<String> initSql)
            throws SQLException
    {
        for (int i = 0; i < initSql.size(); i++) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(initSql.get(i));
            }
            catch (SQLException e) {
                throw new SQLException("initSql[" + i + "] failed: " + SqlErrorClassifier.summary(e), e.getSQLState(), e);
            }
        }
    }

    @Override
    public String describe()
    {
        return redact(url);
    }

    @Override
    public String sanitize(String message)
    {
        if (message == null) {
            return "no message";
        }
        // Drivers quote the URL in messages such as "No suitable driver found for <url>".
        String sanitized = message.replace(url, describe());
        String password = properties.getProperty("password");
        return password == null || password.isEmpty() ? sanitized : sanitized.replace(password, "***");
    }

    /** The URL without user info ({@code //user:secret@host}) and without parameters, which may carry a password. */
    static String redact(String url)
    {
        String redacted = url;
        int parameters = indexOfAny(redacted, '?', ';');
        if (parameters >= 0) {
            redacted = redacted.substring(0, parameters);
        }
        int authority = redacted.indexOf("//");
        if (authority >= 0) {
            int at = redacted.indexOf('@', authority);
            int path = redacted.indexOf('/', authority + 2);
            if (at >= 0 && (path < 0 || at < path)) {
                redacted = redacted.substring(0, authority + 2) + redacted.substring(at + 1);
            }
        }
        return redacted;
    }

    private static int indexOfAny(String text, char first, char second)
    {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == first || text.charAt(i) == second) {
                return i;
            }
        }
        return -1;
    }
}
