package io.queryflux.core.internal.jdbc;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.ErrorLocation;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorClassifierTest
{
    private static Connection duckDb;

    @BeforeAll
    static void setUp()
            throws SQLException
    {
        duckDb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("CREATE TABLE t (id INTEGER)");
        }
    }

    @AfterAll
    static void tearDown()
            throws SQLException
    {
        duckDb.close();
    }

    @Test
    void locatesTheTokenDuckDbPointsAt()
    {
        assertLocation("SELECT nope FROM t", new ErrorLocation(1, 8));
        assertLocation("\n\n  SELECT nope2", new ErrorLocation(3, 10));
        // DuckDB draws a tab with no width.
        assertLocation("SELECT\tnope5", new ErrorLocation(1, 8));
        assertLocation("SELECT\t\t nope FROM t", new ErrorLocation(1, 10));
        assertLocation("SELECT 'ü' || nope3", new ErrorLocation(1, 15));
        assertLocation("SELECT id FROM t WHERE id = = 1", new ErrorLocation(1, 29));
        assertLocation("  SELECT nope FROM t;  \n", new ErrorLocation(1, 10));
    }

    @Test
    void locatesInAnExcerptCutAtBothEnds()
    {
        String sql = "SELECT '" + "a".repeat(100) + "' || zzz || '" + "b".repeat(100) + "'";
        QueryFluxException exception = duckDbError(sql);
        assertThat(exception.getCause().getMessage()).contains("LINE 1: ...").contains("...\n");
        assertThat(exception.location()).contains(new ErrorLocation(1, sql.indexOf("zzz") + 1));
        assertThat(exception.getMessage()).doesNotContain("LINE 1");
    }

    @Test
    void givesNoLocationWhenUnsure()
    {
        // Wide characters: DuckDB counts two columns each.
        assertNoLocation("SELECT '日本' || nope");
        // DuckDB counts \r as a line break of its own.
        assertNoLocation("SELECT 1\r\nFROM nope");
        // The excerpt's text occurs twice in the line: either place could be meant.
        String block = "id = 1 OR ".repeat(10) + "nope = 1 OR " + "id = 1 OR ".repeat(10);
        String ambiguous = "SELECT 1 FROM t WHERE " + block + block + "1 = 1";
        assertThat(duckDbError(ambiguous).getCause().getMessage()).contains("LINE 1: ...");
        assertNoLocation(ambiguous);
        // Syntax errors at the end carry no excerpt.
        assertNoLocation("SELECT 1 +");
        // DuckDB's caret is wrong for a later statement of several.
        assertNoLocation("SELECT 1;\nSELECT nope FROM t");
        assertNoLocation("SELECT 1; SELECT nope FROM t");
        assertNoLocation("SELECT 1;SELECT nope\nFROM t");
        // A semicolon anywhere but at the end counts as a second statement, even in a comment.
        assertNoLocation("SELECT nope FROM t -- a comment; with a semicolon");
    }

    @Test
    void keepsTheExcerptWhenThereIsNoLocation()
    {
        QueryFluxException exception = duckDbError("SELECT '日本' || nope");
        assertThat(exception.getMessage()).contains("LINE 1:");
    }

    @Test
    void classifiesDuckDbErrorsByKindAndWording()
    {
        assertCode("Parser Error: syntax error at or near \"SELEC\"", ErrorCode.SYNTAX_ERROR);
        assertCode("Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\nError: Catalog Error: Table with name nope does not exist!",
                ErrorCode.TABLE_NOT_FOUND);
        assertCode("Catalog Error: Table with name \"nosuch.t\" does not exist because schema \"nosuch\" does not exist.", ErrorCode.SCHEMA_NOT_FOUND);
        assertCode("Catalog Error: Schema with name nosuch does not exist!", ErrorCode.SCHEMA_NOT_FOUND);
        assertCode("Catalog Error: Scalar Function with name nofunc does not exist!", ErrorCode.FUNCTION_NOT_FOUND);
        assertCode("Catalog Error: Table Function with name nofunc does not exist!", ErrorCode.FUNCTION_NOT_FOUND);
        assertCode("Catalog Error: Type with name nope does not exist!", ErrorCode.TYPE_NOT_FOUND);
        assertCode("Catalog Error: Table with name \"t\" already exists!", ErrorCode.TABLE_ALREADY_EXISTS);
        assertCode("Catalog Error: Schema with name \"main\" already exists!", ErrorCode.SCHEMA_ALREADY_EXISTS);
        assertCode("Catalog Error: Sequence with name \"s\" already exists!", ErrorCode.ALREADY_EXISTS);
        assertCode("Binder Error: Referenced column \"nope\" not found in FROM clause!", ErrorCode.COLUMN_NOT_FOUND);
        assertCode("Binder Error: Column \"zz\" does not exist on left side of join!", ErrorCode.COLUMN_NOT_FOUND);
        assertCode("Binder Error: Catalog \"nocat\" does not exist!", ErrorCode.CATALOG_NOT_FOUND);
        assertCode("Binder Error: No function matches the given name and argument types 'abs(VARCHAR)'.", ErrorCode.FUNCTION_NOT_FOUND);
        assertCode("Binder Error: column v2 must appear in the GROUP BY clause", ErrorCode.GENERIC_USER_ERROR);
        assertCode("Conversion Error: Could not convert string 'abc' to INT32", ErrorCode.INVALID_CAST_ARGUMENT);
        assertCode("Conversion Error: Type INT32 with value 200 can't be cast because the value is out of range for the destination type INT8",
                ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE);
        assertCode("Out of Range Error: Overflow in addition of INT32 (2147483647 + 1)!", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE);
        assertCode("Out of Range Error: Division by zero!", ErrorCode.DIVISION_BY_ZERO);
        assertCode("Invalid Input Error: Division by zero", ErrorCode.DIVISION_BY_ZERO);
        assertCode("Divide by Zero Error: Division by zero", ErrorCode.DIVISION_BY_ZERO);
        assertCode("Constraint Error: Duplicate key \"id: 1\" violates primary key constraint.", ErrorCode.CONSTRAINT_VIOLATION);
        assertCode("Invalid Input Error: custom", ErrorCode.GENERIC_USER_ERROR);
        assertCode("Invalid Input Error: Cannot execute statement of type \"INSERT\" on database \"x\" which is attached in read-only mode!",
                ErrorCode.READ_ONLY_VIOLATION);
        assertCode("TransactionContext Error: Catalog write-write conflict on create with \"t\"", ErrorCode.TRANSACTION_CONFLICT);
        assertCode("IO Error: No files found that match the pattern \"/x.csv\"", ErrorCode.NOT_FOUND);
        assertCode("IO Error: Could not write file: disk full", ErrorCode.BACKEND_ERROR);
        assertCode("Out of Memory Error: failed to allocate", ErrorCode.GENERIC_INSUFFICIENT_RESOURCES);
        assertCode("INTERRUPT Error: Interrupted!", ErrorCode.USER_CANCELED);
        assertCode("Not implemented Error: Unsupported type", ErrorCode.NOT_SUPPORTED);
        assertCode("INTERNAL Error: Expected vector of type INTERVAL", ErrorCode.BACKEND_ERROR);
    }

    @Test
    void classifiesBySqlState()
    {
        assertCode("42601", "syntax error at or near \"SELEC\"", ErrorCode.SYNTAX_ERROR);
        assertCode("42P01", "relation \"nope\" does not exist", ErrorCode.TABLE_NOT_FOUND);
        assertCode("42703", "column \"nope\" does not exist", ErrorCode.COLUMN_NOT_FOUND);
        assertCode("3F000", "schema \"nope\" does not exist", ErrorCode.SCHEMA_NOT_FOUND);
        assertCode("42883", "function nope(integer) does not exist", ErrorCode.FUNCTION_NOT_FOUND);
        assertCode("42P07", "relation \"t\" already exists", ErrorCode.TABLE_ALREADY_EXISTS);
        assertCode("22012", "division by zero", ErrorCode.DIVISION_BY_ZERO);
        assertCode("22003", "integer out of range", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE);
        assertCode("22P02", "invalid input syntax for type integer: \"abc\"", ErrorCode.INVALID_CAST_ARGUMENT);
        assertCode("23505", "duplicate key value violates unique constraint", ErrorCode.CONSTRAINT_VIOLATION);
        assertCode("23502", "null value in column violates not-null constraint", ErrorCode.CONSTRAINT_VIOLATION);
        assertCode("57014", "canceling statement due to user request", ErrorCode.USER_CANCELED);
        assertCode("40001", "could not serialize access", ErrorCode.TRANSACTION_CONFLICT);
        assertCode("08001", "Connection refused", ErrorCode.BACKEND_UNAVAILABLE);
        assertCode("08S01", "Communications link failure", ErrorCode.BACKEND_UNAVAILABLE);
        assertCode("57P01", "terminating connection due to administrator command", ErrorCode.BACKEND_UNAVAILABLE);
        assertCode("53100", "could not extend file: No space left on device", ErrorCode.GENERIC_INSUFFICIENT_RESOURCES);
        assertCode("XX000", "internal error", ErrorCode.BACKEND_ERROR);
        assertCode("42S02", "Table 'test.nope' doesn't exist", ErrorCode.TABLE_NOT_FOUND);
        assertCode("42S22", "Unknown column 'nope' in 'field list'", ErrorCode.COLUMN_NOT_FOUND);
        assertCode("42000", "You have an error in your SQL syntax; check the manual near 'SELEC 1' at line 1", ErrorCode.SYNTAX_ERROR);
        assertCode("42000", "Access denied for user 'x'@'%' to database 'y'", ErrorCode.PERMISSION_DENIED);
        assertCode("42000", "Unknown database 'nope'", ErrorCode.SCHEMA_NOT_FOUND);
        assertCode("22001", "value too long for type character varying(3)", ErrorCode.GENERIC_USER_ERROR);
    }

    @Test
    void classifiesWithoutSqlState()
    {
        assertThat(SqlErrorClassifier.toException(new SQLNonTransientConnectionException("Connection is closed"), "SELECT 1").errorCode())
                .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
        assertThat(SqlErrorClassifier.toException(new SQLException("read failed", new IOException("reset")), "SELECT 1").errorCode())
                .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
        assertThat(SqlErrorClassifier.toException(new SQLTimeoutException("Query timed out"), "SELECT 1").errorCode())
                .isEqualTo(ErrorCode.EXCEEDED_TIME_LIMIT);
        assertThat(SqlErrorClassifier.toException(new SQLException("Connection was closed"), "SELECT 1").errorCode())
                .isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
        assertThat(SqlErrorClassifier.toException(new SQLException("Something about the query"), "SELECT 1").errorCode())
                .isEqualTo(ErrorCode.GENERIC_USER_ERROR);
        assertThat(SqlErrorClassifier.toException(new SQLException((String) null), "SELECT 1").getMessage())
                .isEqualTo("The engine failed without a message");
        // The SQLState of a wrapped driver exception counts.
        assertThat(SqlErrorClassifier.toException(new SQLException("wrapper", new SQLException("inner", "42P01")), "SELECT 1").errorCode())
                .isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    }

    @Test
    void dropsDuckDbNoise()
    {
        QueryFluxException exception = SqlErrorClassifier.toException(
                new SQLException("INTERNAL Error: Expected vector of type INTERVAL\nThis error signals an assertion failure.\n\nStack Trace:\n\n/tmp/lib.so(+0x1) [0x7f]\n"),
                "SELECT 1");
        assertThat(exception.getMessage()).isEqualTo("INTERNAL Error: Expected vector of type INTERVAL\nThis error signals an assertion failure.");
        assertThat(SqlErrorClassifier.summary(new SQLException("Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\n"
                + "Error: Catalog Error: Table with name x does not exist!\nDid you mean \"y\"?")))
                .isEqualTo("Catalog Error: Table with name x does not exist!");
    }

    private static void assertCode(String message, ErrorCode code)
    {
        assertThat(SqlErrorClassifier.toException(new SQLException(message), "SELECT 1").errorCode()).as(message).isEqualTo(code);
    }

    private static void assertCode(String sqlState, String message, ErrorCode code)
    {
        assertThat(SqlErrorClassifier.toException(new SQLException(message, sqlState), "SELECT 1").errorCode()).as(sqlState + " " + message).isEqualTo(code);
    }

    private static void assertLocation(String sql, ErrorLocation location)
    {
        assertThat(duckDbError(sql).location()).as(sql).isEqualTo(Optional.of(location));
    }

    private static void assertNoLocation(String sql)
    {
        assertThat(duckDbError(sql).location()).as(sql).isEmpty();
    }

    private static QueryFluxException duckDbError(String sql)
    {
        try (Statement statement = duckDb.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            return SqlErrorClassifier.toException(e, sql);
        }
        throw new AssertionError("expected " + sql + " to fail");
    }
}
