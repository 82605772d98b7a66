package io.queryflux.jetty.jdbc;

import io.queryflux.jetty.TestingServer;
import io.trino.jdbc.TrinoStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.TestingServer.await;
import static io.queryflux.jetty.jdbc.JdbcEngines.SYNTAX_ERROR;
import static io.queryflux.jetty.jdbc.JdbcEngines.TABLE_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every engine behind {@code engine: jdbc} must do for a trino-jdbc client: values of common
 * types equal to what the engine's own driver reads (after the natural conversion) with sensible
 * Trino type names, engine errors under Trino's error codes, update counts, a large streamed result,
 * and a cancel that frees the slot and stops the statement in the engine. Each engine's test class
 * names its table columns, its SQL dialect and how to see its running statements.
 */
@Tag("it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcEngineContract
{
    protected static final String GROUP = "engine";
    private static final int LARGE_ROWS = 100_000;

    protected TestingServer server;
    protected Connection direct;
    protected Connection trino;
    /** A schema (MariaDB: a database) of this run, dropped afterwards. */
    protected String schema;

    /** How each column is read from both drivers for comparison. */
    enum Check
    {
        LONG, DECIMAL, REAL, DOUBLE, BOOLEAN, STRING, BYTES, DATE, TIME, TIMESTAMP, INSTANT,
    }

    /** A table column: its DDL type, the Trino type trino-jdbc must report, the comparison. */
    record Column(String name, String ddlType, String trinoType, Check check) {}

    protected abstract Map<String, Object> cluster();

    protected abstract Connection connectDirectly()
            throws SQLException;

    protected abstract String dropSchemaSql(String schema);

    /** A query of {@code rows} rows ordered by {@code n} (1..rows), with a second column {@code label} = 'row ' || n. */
    protected abstract String rangeQuery(int rows);

    /** A statement sleeping 30 seconds whose text contains {@code marker}. */
    protected abstract String sleepQuery(String marker);

    /** How many statements containing {@code marker} the engine runs now, not counting this check itself. */
    protected abstract int runningStatements(String marker)
            throws SQLException;

    @BeforeAll
    void start()
            throws SQLException
    {
        direct = connectDirectly();
        schema = JdbcEngines.uniqueName("qf_it");
        execute("CREATE SCHEMA " + schema);
        server = TestingServer.start(JdbcEngines.singleGroup(GROUP, cluster()));
        trino = JdbcEngines.connectTrino(server, "test");
    }

    @AfterAll
    void stop()
            throws SQLException
    {
        try (Connection ignored1 = direct; Connection ignored2 = trino; TestingServer ignored3 = server) {
            if (direct != null && schema != null) {
                execute(dropSchemaSql(schema));
            }
        }
    }

    protected void execute(String sql)
            throws SQLException
    {
        try (Statement statement = direct.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Creates {@code table} with an {@code id} column and {@code columns}, inserts {@code rows}
     * (SQL literals, one per column) with ids 1.. and a last row of NULLs, then reads it through
     * both drivers and compares every value and the reported Trino types.
     */
    protected void assertRoundTrip(String table, List<Column> columns, List<List<String>> rows)
            throws SQLException
    {
        String qualified = schema + "." + table;
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + qualified + " (id integer NOT NULL");
        columns.forEach(column -> ddl.append(", ").append(column.name()).append(' ').append(column.ddlType()));
        execute(ddl.append(')').toString());
        List<List<String>> allRows = new ArrayList<>(rows);
        allRows.add(Collections.nCopies(columns.size(), "NULL"));
        for (int row = 0; row < allRows.size(); row++) {
            assertThat(allRows.get(row)).as("literals of row %s", row + 1).hasSize(columns.size());
            execute("INSERT INTO " + qualified + " VALUES (" + (row + 1) + ", " + String.join(", ", allRows.get(row)) + ")");
        }

        String query = "SELECT * FROM " + qualified + " ORDER BY id";
        try (Statement directStatement = direct.createStatement();
                ResultSet expected = directStatement.executeQuery(query);
                Statement trinoStatement = trino.createStatement();
                ResultSet actual = trinoStatement.executeQuery(query)) {
            ResultSetMetaData metadata = actual.getMetaData();
            assertThat(metadata.getColumnCount()).isEqualTo(columns.size() + 1);
            assertThat(metadata.getColumnName(1)).isEqualTo("id");
            assertThat(metadata.getColumnTypeName(1)).isEqualTo("integer");
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                assertThat(metadata.getColumnName(i + 2)).isEqualTo(column.name());
                assertThat(metadata.getColumnTypeName(i + 2)).as("Trino type of %s %s", column.name(), column.ddlType()).isEqualTo(column.trinoType());
            }
            for (int row = 1; row <= allRows.size(); row++) {
                assertThat(expected.next()).isTrue();
                assertThat(actual.next()).as("row %s through QueryFlux", row).isTrue();
                assertThat(actual.getInt(1)).isEqualTo(row);
                boolean nullRow = row == allRows.size();
                for (int i = 0; i < columns.size(); i++) {
                    Column column = columns.get(i);
                    String description = "row " + row + ", " + column.name() + " " + column.ddlType();
                    Object expectedValue = directValue(expected, i + 2, column.check());
                    Object actualValue = trinoValue(actual, i + 2, column.check());
                    if (nullRow) {
                        assertThat(actual.getObject(i + 2)).as(description).isNull();
                    }
                    else {
                        assertThat(expectedValue).as("direct " + description).isNotNull();
                    }
                    assertThat(actualValue).as(description).isEqualTo(expectedValue);
                }
            }
            assertThat(actual.next()).isFalse();
        }
    }

    private static Object directValue(ResultSet resultSet, int column, Check check)
            throws SQLException
    {
        if (check == Check.INSTANT) {
            OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        return commonValue(resultSet, column, check);
    }

    private static Object trinoValue(ResultSet resultSet, int column, Check check)
            throws SQLException
    {
        if (check == Check.INSTANT) {
            Timestamp value = resultSet.getTimestamp(column);
            return value == null ? null : value.toInstant();
        }
        if (check == Check.TIME) {
            // trino-jdbc 484 has no getObject(LocalTime) for time(p); its text is ISO.
            String value = resultSet.getString(column);
            return value == null ? null : LocalTime.parse(value);
        }
        return commonValue(resultSet, column, check);
    }

    private static Object commonValue(ResultSet resultSet, int column, Check check)
            throws SQLException
    {
        Object value = switch (check) {
            case LONG -> resultSet.getLong(column);
            case DECIMAL -> resultSet.getBigDecimal(column);
            case REAL -> resultSet.getFloat(column);
            case DOUBLE -> resultSet.getDouble(column);
            case BOOLEAN -> resultSet.getBoolean(column);
            case STRING -> resultSet.getString(column);
            case BYTES -> {
                byte[] bytes = resultSet.getBytes(column);
                yield bytes == null ? null : HexFormat.of().formatHex(bytes);
            }
            case DATE -> resultSet.getObject(column, LocalDate.class);
            case TIME -> resultSet.getObject(column, LocalTime.class);
            case TIMESTAMP -> resultSet.getObject(column, LocalDateTime.class);
            case INSTANT -> throw new IllegalArgumentException("driver specific");
        };
        return resultSet.wasNull() ? null : value;
    }

    @Test
    void syntaxError()
    {
        SQLException exception = catchThrowableOfType(SQLException.class, () -> trinoQuery("SELEC 1"));

        assertThat((Throwable) exception).isNotNull();
        assertThat(exception.getErrorCode()).as(exception.toString()).isEqualTo(SYNTAX_ERROR);
        assertThat(exception.getMessage()).containsIgnoringCase("syntax");
        assertThat(server.queryFlux().runningQueries(GROUP)).isZero();
    }

    @Test
    void missingTable()
    {
        SQLException exception = catchThrowableOfType(SQLException.class, () -> trinoQuery("SELECT * FROM " + schema + ".no_such_table"));

        assertThat((Throwable) exception).isNotNull();
        assertThat(exception.getErrorCode()).as(exception.toString()).isEqualTo(TABLE_NOT_FOUND);
        assertThat(exception.getMessage()).contains("no_such_table");
    }

    @Test
    void updateCounts()
            throws SQLException
    {
        String table = schema + ".dml";
        execute("CREATE TABLE " + table + " (id integer, name varchar(10))");

        try (Statement statement = trino.createStatement()) {
            assertThat(statement.executeUpdate("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')")).isEqualTo(3);
            assertThat(statement.executeUpdate("UPDATE " + table + " SET name = 'x' WHERE id >= 2")).isEqualTo(2);
            assertThat(statement.executeUpdate("DELETE FROM " + table + " WHERE id = 1")).isEqualTo(1);
            assertThat(statement.executeUpdate("DELETE FROM " + table + " WHERE id = 42")).isZero();
        }
        try (Statement statement = direct.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT id, name FROM " + table + " ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (resultSet.next()) {
                rows.add(resultSet.getInt(1) + "=" + resultSet.getString(2));
            }
            assertThat(rows).containsExactly("2=x", "3=x");
        }
    }

    @Test
    void largeResultStreams()
            throws SQLException
    {
        try (Statement statement = trino.createStatement();
                ResultSet resultSet = statement.executeQuery(rangeQuery(LARGE_ROWS))) {
            assertThat(resultSet.getMetaData().getColumnLabel(1)).isEqualTo("n");
            assertThat(resultSet.getMetaData().getColumnLabel(2)).isEqualTo("label");
            int rows = 0;
            while (resultSet.next()) {
                rows++;
                long n = resultSet.getLong(1);
                String label = resultSet.getString(2);
                // One assertion per row would dominate the run time; check cheaply, fail precisely.
                if (n != rows || !label.equals("row " + rows)) {
                    assertThat(n + "/" + label).as("row %s", rows).isEqualTo(rows + "/row " + rows);
                }
            }
            assertThat(rows).isEqualTo(LARGE_ROWS);
        }
        await("the slot of the large query is free", Duration.ofSeconds(5), () -> server.queryFlux().runningQueries(GROUP) == 0);
    }

    @Test
    void cancelStopsTheEngineStatement()
            throws Exception
    {
        String marker = JdbcEngines.uniqueName("qf_cancel");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Statement statement = trino.createStatement()) {
            // trino-jdbc's cancel() is a no-op until the executing thread holds its client, which can
            // lag behind the engine starting the statement; the progress monitor runs once it does.
            CountDownLatch polling = new CountDownLatch(1);
            statement.unwrap(TrinoStatement.class).setProgressMonitor(stats -> polling.countDown());
            long start = System.nanoTime();
            Future<SQLException> query = executor.submit(() -> {
                try (ResultSet resultSet = statement.executeQuery(sleepQuery(marker))) {
                    resultSet.next();
                    return null;
                }
                catch (SQLException e) {
                    return e;
                }
            });
            await("the engine runs the sleep", Duration.ofSeconds(20), () -> runningStatementsUnchecked(marker) > 0);
            assertThat(polling.await(20, TimeUnit.SECONDS)).as("trino-jdbc polls the query").isTrue();
            assertThat(server.queryFlux().runningQueries(GROUP)).isEqualTo(1);

            statement.cancel();

            SQLException failure = query.get(20, TimeUnit.SECONDS);
            assertThat((Throwable) failure).as("the canceled query fails").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the 30 s sleep ends").isLessThan(Duration.ofSeconds(25));
            await("the slot is free", Duration.ofSeconds(5), () -> server.queryFlux().runningQueries(GROUP) == 0);
            await("the engine no longer runs the sleep", Duration.ofSeconds(5), () -> runningStatementsUnchecked(marker) == 0);
        }
        finally {
            executor.shutdownNow();
        }
        // The group still works afterwards.
        assertThat(trinoQuery("SELECT 1")).containsExactly("1");
    }

    private int runningStatementsUnchecked(String marker)
    {
        try {
            return runningStatements(marker);
        }
        catch (SQLException e) {
            throw new AssertionError("Cannot list the engine's statements", e);
        }
    }

    /** The first column of every row, as strings. */
    protected List<String> trinoQuery(String sql)
            throws SQLException
    {
        try (Statement statement = trino.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (resultSet.next()) {
                values.add(resultSet.getString(1));
            }
            return values;
        }
    }
}
