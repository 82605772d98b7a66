package io.queryflux.core.internal.firebolt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.queryflux.core.internal.firebolt.FireboltStatement.Kind.READ;
import static io.queryflux.core.internal.firebolt.FireboltStatement.Kind.SESSION;
import static io.queryflux.core.internal.firebolt.FireboltStatement.Kind.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

class FireboltStatementTest
{
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "  with x AS (SELECT 1) SELECT * FROM x",
            "-- a comment\nSELECT 1",
            "/* block */ (SELECT 1) UNION (SELECT 2)",
            "((VALUES (1)))",
            "show tables",
            "DESCRIBE t",
            "EXPLAIN SELECT 1",
    })
    void readsRunAtOnce(String sql)
    {
        assertThat(FireboltStatement.of(sql).kind()).isEqualTo(READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO t VALUES (1)",
            "update t SET x = 1",
            "DELETE FROM t",
            "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE",
            "CREATE TABLE t (x INT)",
            "DROP TABLE t",
            "ALTER TABLE t ADD COLUMN y INT",
            "TRUNCATE TABLE t",
            "COPY INTO t FROM 's3://bucket/'",
            "/* a */ -- b\n  INSERT INTO t VALUES (1)",
            "VACUUM t",
            "SOMETHING NEW",
    })
    void writesAndUnknownStatementsTakeTheWriteTurn(String sql)
    {
        assertThat(FireboltStatement.of(sql).kind()).isEqualTo(WRITE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"USE DATABASE x", "SET timezone = 'UTC'", "BEGIN", "BEGIN TRANSACTION", "COMMIT", "ROLLBACK", "START TRANSACTION"})
    void sessionStatementsNeedNoTurn(String sql)
    {
        assertThat(FireboltStatement.of(sql).kind()).isEqualTo(SESSION);
    }

    @Test
    void trinoStartTransactionBecomesBeginTransaction()
    {
        FireboltStatement statement = FireboltStatement.of("START TRANSACTION ISOLATION LEVEL READ UNCOMMITTED, READ WRITE");

        assertThat(statement.sqlToSend()).isEqualTo("BEGIN TRANSACTION");
        assertThat(statement.rewritten()).isTrue();
        assertThat(FireboltStatement.of(" start\n transaction").sqlToSend()).isEqualTo("BEGIN TRANSACTION");
    }

    @Test
    void otherStatementsAreSentAsTheyAre()
    {
        FireboltStatement statement = FireboltStatement.of("SELECT 1 -- start transaction");

        assertThat(statement.sqlToSend()).isEqualTo("SELECT 1 -- start transaction");
        assertThat(statement.rewritten()).isFalse();
        assertThat(FireboltStatement.of("START something").sqlToSend()).isEqualTo("START something");
    }
}
