package io.queryflux.core.internal.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.SessionChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.queryflux.core.internal.firebolt.FireboltTesting.await;
import static io.queryflux.core.internal.firebolt.FireboltTesting.backend;
import static io.queryflux.core.internal.firebolt.FireboltTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Explicit transactions: the proxy keeps Firebolt's transaction (and its changing sequence id) under
 * an id it gives the Trino client, runs the client's later statements in it, and forgets it when it
 * ends or sits idle too long.
 */
class FireboltTransactionTest
{
    private TestingFireboltCore core;
    private FireboltBackend backend;

    @BeforeEach
    void start()
    {
        core = TestingFireboltCore.start();
        core.execute("CREATE TABLE numbers (n INTEGER)");
        backend = backend(core);
    }

    @AfterEach
    void stop()
    {
        backend.close();
        core.close();
    }

    @Test
    void trinoStartTransactionBeginsAFireboltTransaction()
    {
        TestingTrinoSession session = new TestingTrinoSession();

        TestingResultSink started = run(backend, session, "START TRANSACTION ISOLATION LEVEL READ UNCOMMITTED, READ WRITE");

        assertThat(core.requests().get(0).sql()).isEqualTo("BEGIN TRANSACTION");
        assertThat(started.sessionChanges()).singleElement().satisfies(change -> assertThat(change.kind()).isEqualTo(SessionChange.Kind.STARTED_TRANSACTION));
        assertThat(session.transactionId()).isNotNull();
        assertThat(backend.openTransactions()).isEqualTo(1);
    }

    @Test
    void statementsOfTheTransactionCarryItsIdAndLatestSequenceId()
    {
        TestingTrinoSession session = new TestingTrinoSession();
        run(backend, session, "START TRANSACTION");

        run(backend, session, "INSERT INTO numbers VALUES (1)");
        run(backend, session, "INSERT INTO numbers VALUES (2)");
        TestingResultSink commit = run(backend, session, "COMMIT");

        assertThat(core.requests().get(1).parameters()).containsKey("transaction_id").doesNotContainKey("transaction_sequence_id");
        assertThat(core.requests().get(2).parameters()).containsEntry("transaction_sequence_id", "0")
                .containsEntry("transaction_id", core.requests().get(1).parameters().get("transaction_id"));
        assertThat(core.requests().get(3).parameters()).containsEntry("transaction_sequence_id", "1");
        assertThat(commit.sessionChanges()).containsExactly(SessionChange.clearTransaction());
        assertThat(session.transactionId()).isNull();
        assertThat(backend.openTransactions()).isZero();
        assertThat(run(backend, "SELECT count(*) FROM numbers").onlyValue()).isEqualTo(2L);
    }

    @Test
    void rollbackDiscardsTheWrites()
    {
        TestingTrinoSession session = new TestingTrinoSession();
        run(backend, session, "START TRANSACTION");
        run(backend, session, "INSERT INTO numbers VALUES (1)");

        TestingResultSink rollback = run(backend, session, "ROLLBACK");

        assertThat(rollback.sessionChanges()).containsExactly(SessionChange.clearTransaction());
        assertThat(run(backend, "SELECT count(*) FROM numbers").onlyValue()).isEqualTo(0L);
        assertThat(core.openTransactions()).isZero();
    }

    @Test
    void unknownTransactionIsAClearError()
    {
        TestingTrinoSession session = new TestingTrinoSession().transactionId("no-such-transaction");

        assertThatThrownBy(() -> run(backend, session, "SELECT 1"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_TRANSACTION);
                    assertThat(e.getMessage()).contains("no-such-transaction");
                });
        assertThat(core.requests()).isEmpty();
    }

    @Test
    void idleTransactionExpiresFreesTheWriteTurnAndIsRolledBack()
    {
        try (FireboltBackend expiring = backend(FireboltTesting.settings(core).withTransactionIdleTimeout(Duration.ofMillis(200)))) {
            TestingTrinoSession abandoned = new TestingTrinoSession();
            run(expiring, abandoned, "START TRANSACTION");
            run(expiring, abandoned, "INSERT INTO numbers VALUES (1)");

            // Until the transaction expires, an autocommit write waits for its turn; then it runs.
            run(expiring, "INSERT INTO numbers VALUES (2)");

            await("the engine to roll the abandoned transaction back", () -> core.openTransactions() == 0);
            assertThat(expiring.openTransactions()).isZero();
            assertThatThrownBy(() -> run(expiring, abandoned, "COMMIT"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_TRANSACTION));
            assertThat(run(expiring, "SELECT n FROM numbers").rows()).containsExactly(List.of(2));
        }
    }

    @Test
    void readsInATransactionDoNotTakeTheWriteTurn()
    {
        TestingTrinoSession reader = new TestingTrinoSession();
        run(backend, reader, "START TRANSACTION");
        run(backend, reader, "SELECT count(*) FROM numbers");

        // Another client's write is not held up by a transaction that only read.
        run(backend, "INSERT INTO numbers VALUES (1)");

        assertThat(core.rejectedWrites()).isZero();
        run(backend, reader, "COMMIT");
    }
}
