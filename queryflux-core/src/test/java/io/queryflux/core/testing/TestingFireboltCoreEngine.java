package io.queryflux.core.testing;

import io.queryflux.core.testing.TestingFireboltCoreErrors.Failure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine behind {@link TestingFireboltCore}: statements run on an in-memory DuckDB database, a
 * Firebolt database is a DuckDB schema, and the session lives in the request's query parameters as
 * Firebolt's does. {@code USE DATABASE x} answers {@code database=x}; {@code BEGIN TRANSACTION}
 * answers {@code transaction_id}, and every statement in the transaction answers a new
 * {@code transaction_sequence_id} that the next one must send back; {@code COMMIT} and
 * {@code ROLLBACK} remove both. Any number of reads run at once, but only one write transaction may be
 * active: a second concurrent write is rejected with an error, as Firebolt's engine does.
 */
final class TestingFireboltCoreEngine
        implements AutoCloseable
{
    private static final Pattern USE_DATABASE = Pattern.compile("(?is)\\s*USE\\s+(?:DATABASE\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\s*;?\\s*");
    private static final Pattern CREATE_DATABASE = Pattern.compile("(?is)\\s*CREATE\\s+DATABASE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\s*;?\\s*");
    private static final Pattern BEGIN = Pattern.compile("(?is)\\s*(BEGIN|START)(\\s+(TRANSACTION|WORK))?\\s*;?\\s*");
    private static final Pattern END = Pattern.compile("(?is)\\s*(COMMIT|ROLLBACK|END|ABORT)(\\s+(TRANSACTION|WORK))?\\s*;?\\s*");
    private static final Pattern WRITE = Pattern.compile("(?is)\\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE|COPY)\\b.*");

    private final Connection database;
    private final Map<String, Transaction> transactions = new HashMap<>(); // guarded by this
    private final TestingFireboltCoreWriteRule writes = new TestingFireboltCoreWriteRule();

    TestingFireboltCoreEngine()
    {
        try {
            database = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = database.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot start DuckDB", e);
        }
    }

    /** What a statement produced: session headers, and a result set to stream (or none). */
    record Execution(Map<String, List<String>> headers, ResultSet resultSet, Runnable onClose) {}

    /** Runs {@code sql}; throws {@link Failure} for an error to answer instead of a result. */
    Execution execute(String sql, Map<String, String> parameters)
    {
        String database = parameters.getOrDefault("database", "main");
        if (!databaseExists(database)) {
            throw Failure.user("DATABASE_NOT_FOUND", "Database '" + database + "' does not exist or not authorized");
        }
        Matcher use = USE_DATABASE.matcher(sql);
        if (use.matches()) {
            if (!databaseExists(use.group(1))) {
                throw Failure.user("DATABASE_NOT_FOUND", "Database '" + use.group(1) + "' does not exist or not authorized");
            }
            return new Execution(Map.of("Firebolt-Update-Parameters", List.of("database=" + use.group(1))), null, () -> {});
        }
        String transactionId = parameters.get("transaction_id");
        if (BEGIN.matcher(sql).matches()) {
            return begin(transactionId);
        }
        if (END.matcher(sql).matches()) {
            return end(sql, transactionId);
        }
        Matcher createDatabase = CREATE_DATABASE.matcher(sql);
        String toRun = createDatabase.matches()
                ? "CREATE SCHEMA " + (createDatabase.group(1) == null ? "" : "IF NOT EXISTS ") + createDatabase.group(2)
                : sql;
        if (transactionId != null) {
            return inTransaction(transactionId, parameters.get("transaction_sequence_id"), database, sql, toRun);
        }
        return autoCommit(database, sql, toRun);
    }

    TestingFireboltCoreWriteRule writes()
    {
        return writes;
    }

    synchronized int openTransactions()
    {
        return transactions.size();
    }

    /** Runs statements directly, e.g. to create test data. */
    void run(String... statements)
            throws SQLException
    {
        try (Connection connection = duplicate(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private Execution autoCommit(String database, String sql, String toRun)
    {
        Object owner = new Object();
        boolean write = WRITE.matcher(sql).matches();
        if (write) {
            writes.begin(owner);
        }
        Connection connection = null;
        try {
            connection = duplicate();
            useDatabase(connection, database);
            if (write) {
                writes.awaitGate();
            }
            Statement statement = connection.createStatement();
            Connection opened = connection;
            Runnable close = () -> {
                closeQuietly(opened);
                if (write) {
                    writes.end(owner);
                }
            };
            boolean hasResult = statement.execute(toRun);
            return new Execution(Map.of(), hasResult ? statement.getResultSet() : null, close);
        }
        catch (SQLException e) {
            closeQuietly(connection);
            if (write) {
                writes.end(owner);
            }
            throw TestingFireboltCoreErrors.fromDuckDb(e, sql);
        }
    }

    private Execution inTransaction(String transactionId, String sequenceId, String database, String sql, String toRun)
    {
        Transaction transaction = transaction(transactionId);
        transaction.lock.lock();
        boolean done = false;
        try {
            String expected = transaction.sequence < 0 ? null : Integer.toString(transaction.sequence);
            if (!Objects.equals(expected, sequenceId)) {
                throw Failure.user("INVALID_TRANSACTION_SEQUENCE", "transaction_sequence_id " + sequenceId + " of transaction " + transactionId + " is stale; expected " + expected);
            }
            if (WRITE.matcher(sql).matches()) {
                writes.begin(transaction);
                writes.awaitGate();
            }
            useDatabase(transaction.connection, database);
            Statement statement = transaction.connection.createStatement();
            boolean hasResult = statement.execute(toRun);
            transaction.sequence++;
            Map<String, List<String>> headers = Map.of("Firebolt-Update-Parameters", List.of("transaction_sequence_id=" + transaction.sequence));
            done = true;
            return new Execution(headers, hasResult ? statement.getResultSet() : null, () -> {
                closeQuietly(statement);
                transaction.lock.unlock();
            });
        }
        catch (SQLException e) {
            throw TestingFireboltCoreErrors.fromDuckDb(e, sql);
        }
        finally {
            if (!done) {
                transaction.lock.unlock();
            }
        }
    }

    private Execution begin(String transactionId)
    {
        if (transactionId != null) {
            throw Failure.user("TRANSACTION_ALREADY_ACTIVE", "Cannot begin a transaction: transaction " + transactionId + " is active");
        }
        try {
            Connection connection = duplicate();
            connection.setAutoCommit(false);
            Transaction transaction = new Transaction(UUID.randomUUID().toString().replace("-", ""), connection);
            synchronized (this) {
                transactions.put(transaction.id, transaction);
            }
            return new Execution(Map.of("Firebolt-Update-Parameters", List.of("transaction_id=" + transaction.id)), null, () -> {});
        }
        catch (SQLException e) {
            throw Failure.system("INTERNAL_ERROR", e.getMessage());
        }
    }

    private Execution end(String sql, String transactionId)
    {
        if (transactionId == null) {
            throw Failure.user("NO_ACTIVE_TRANSACTION", "Cannot " + sql.strip().split("\\s+")[0].toUpperCase(Locale.ROOT) + ": no transaction is active");
        }
        Transaction transaction = transaction(transactionId);
        boolean commit = sql.strip().toUpperCase(Locale.ROOT).startsWith("COMMIT") || sql.strip().toUpperCase(Locale.ROOT).startsWith("END");
        synchronized (this) {
            transactions.remove(transactionId);
        }
        try {
            if (commit) {
                transaction.connection.commit();
            }
            else {
                transaction.connection.rollback();
            }
        }
        catch (SQLException e) {
            throw TestingFireboltCoreErrors.fromDuckDb(e, sql);
        }
        finally {
            closeQuietly(transaction.connection);
            writes.end(transaction);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        // Two header lines, as a client must accept repeated headers.
        headers.put("Firebolt-Remove-Parameters", List.of("transaction_id", "transaction_sequence_id"));
        return new Execution(headers, null, () -> {});
    }

    private synchronized Transaction transaction(String id)
    {
        Transaction transaction = transactions.get(id);
        if (transaction == null) {
            throw Failure.user("TRANSACTION_NOT_FOUND", "Transaction " + id + " does not exist");
        }
        return transaction;
    }

    private boolean databaseExists(String name)
    {
        try (Connection connection = duplicate(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + name.replace("'", "''") + "'")) {
            result.next();
            return result.getLong(1) > 0;
        }
        catch (SQLException e) {
            throw Failure.system("INTERNAL_ERROR", e.getMessage());
        }
    }

    private static void useDatabase(Connection connection, String database)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET schema = '" + database.replace("'", "''") + "'");
        }
    }

    private Connection duplicate()
            throws SQLException
    {
        try {
            return (Connection) database.getClass().getMethod("duplicate").invoke(database);
        }
        catch (ReflectiveOperationException e) {
            throw new SQLException("Cannot duplicate the DuckDB connection", e);
        }
    }

    private static void closeQuietly(AutoCloseable connection)
    {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (Exception ignored) {
                // The test database.
            }
        }
    }

    @Override
    public void close()
    {
        writes.release();
        List<Transaction> open;
        synchronized (this) {
            open = new ArrayList<>(transactions.values());
            transactions.clear();
        }
        open.forEach(transaction -> closeQuietly(transaction.connection));
        closeQuietly(database);
    }

    private static final class Transaction
    {
        final String id;
        final Connection connection;
        final ReentrantLock lock = new ReentrantLock();
        int sequence = -1;

        Transaction(String id, Connection connection)
        {
            this.id = id;
            this.connection = connection;
        }
    }
}
