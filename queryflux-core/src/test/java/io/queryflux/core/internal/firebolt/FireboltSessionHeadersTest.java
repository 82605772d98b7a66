package io.queryflux.core.internal.firebolt;

import io.queryflux.core.testing.TestingFireboltCore.Scripted;
import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.SessionChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static io.queryflux.core.internal.firebolt.FireboltTesting.backend;
import static io.queryflux.core.internal.firebolt.FireboltTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Firebolt's session headers on the Trino client's session: parameters, their removal, a session
 * reset, and endpoint moves, which are followed only within the configured cluster.
 */
class FireboltSessionHeadersTest
{
    private static final String NO_RESULT = "{\"message_type\":\"START\",\"result_columns\":[]}\n{\"message_type\":\"FINISH_SUCCESSFULLY\"}\n";

    private TestingFireboltCore core;
    private FireboltBackend backend;

    @BeforeEach
    void start()
    {
        core = TestingFireboltCore.start();
        core.execute("CREATE SCHEMA sales", "CREATE TABLE sales.orders AS SELECT 1 AS id");
        backend = backend(core);
    }

    @AfterEach
    void stop()
    {
        backend.close();
        core.close();
    }

    @Test
    void otherParametersBecomeSessionPropertiesAndAreSentBack()
    {
        core.script("SET time_zone = 'UTC'", Scripted.of(200, NO_RESULT, "Firebolt-Update-Parameters", "timezone=UTC, max_result_rows=10"));
        TestingTrinoSession session = new TestingTrinoSession();

        TestingResultSink set = run(backend, session, "SET time_zone = 'UTC'");
        run(backend, session, "SELECT 1");

        assertThat(set.sessionChanges()).containsExactly(
                SessionChange.setProperty("firebolt.timezone", "UTC"),
                SessionChange.setProperty("firebolt.max_result_rows", "10"));
        assertThat(core.requests("SELECT 1").get(0).parameters()).containsEntry("timezone", "UTC").containsEntry("max_result_rows", "10");
    }

    @Test
    void removedParametersAreClearedAndTheDatabaseFallsBack()
    {
        core.script("UNSET things", Scripted.of(200, NO_RESULT, "Firebolt-Remove-Parameters", "database", "Firebolt-Remove-Parameters", "timezone"));
        TestingTrinoSession session = new TestingTrinoSession().catalog("sales").property("firebolt.timezone", "UTC");

        TestingResultSink unset = run(backend, session, "UNSET things");
        run(backend, session, "SELECT 1");

        assertThat(unset.sessionChanges()).containsExactly(SessionChange.setCatalog(""), SessionChange.clearProperty("firebolt.timezone"));
        assertThat(core.requests("SELECT 1").get(0).parameters()).doesNotContainKeys("database", "timezone");
    }

    @Test
    void removedDatabaseFallsBackToTheConfiguredOne()
    {
        core.script("UNSET database", Scripted.of(200, NO_RESULT, "Firebolt-Remove-Parameters", "database"));
        try (FireboltBackend withDefault = backend(FireboltTesting.settings(core).withDatabase("sales"))) {
            TestingResultSink unset = run(withDefault, new TestingTrinoSession().catalog("other"), "UNSET database");

            assertThat(unset.sessionChanges()).containsExactly(SessionChange.setCatalog("sales"));
        }
    }

    @Test
    void resetSessionDropsEverything()
    {
        core.script("RESET SESSION", Scripted.of(200, NO_RESULT, "Firebolt-Reset-Session", ""));
        TestingTrinoSession session = new TestingTrinoSession().catalog("sales").property("firebolt.timezone", "UTC");
        run(backend, session, "START TRANSACTION");

        TestingResultSink reset = run(backend, session, "RESET SESSION");

        assertThat(reset.sessionChanges()).containsExactlyInAnyOrder(
                SessionChange.setCatalog(""),
                SessionChange.clearTransaction(),
                SessionChange.clearProperty("firebolt.timezone"));
        assertThat(session.transactionId()).isNull();
        assertThat(backend.openTransactions()).isZero();
    }

    @Test
    void headersOfAFailedAnswerAreIgnored()
    {
        core.script("USE DATABASE broken", Scripted.of(400, "{\"errors\":[{\"source\":\"User Error\",\"description\":\"no\"}]}", "Firebolt-Update-Parameters", "database=broken"));
        TestingTrinoSession session = new TestingTrinoSession();

        assertThatThrownBy(() -> run(backend, session, "USE DATABASE broken")).isInstanceOf(QueryFluxException.class);
        assertThat(session.catalog()).isNull();
    }

    @Test
    void clientsCannotSetTheParametersTheProxyOwns()
    {
        TestingTrinoSession session = new TestingTrinoSession()
                .property("firebolt.transaction_id", "stolen")
                .property("firebolt.output_format", "TabSeparatedWithNamesAndTypes")
                .property("firebolt.timezone", "UTC");

        run(backend, session, "SELECT 1");

        assertThat(core.requests().get(0).parameters())
                .doesNotContainKey("transaction_id")
                .containsEntry("output_format", "JSONLines_Compact")
                .containsEntry("timezone", "UTC");
    }

    @Test
    void endpointOfAForeignHostIsRefused()
    {
        core.script("USE ENGINE elsewhere", Scripted.of(200, NO_RESULT, "Firebolt-Update-Endpoint", "http://attacker.example:3473/?database=sales"));
        TestingTrinoSession session = new TestingTrinoSession();

        assertThatThrownBy(() -> run(backend, session, "USE ENGINE elsewhere"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR);
                    assertThat(e.getMessage()).contains("attacker.example").contains("not an endpoint of this cluster");
                });
        assertThat(session.catalog()).isNull();
        assertThat(session.properties()).isEmpty();
    }

    @Test
    void endpointOnAnotherPortOfTheSameHostIsRefused()
    {
        core.script("USE ENGINE admin", Scripted.of(200, NO_RESULT, "Firebolt-Update-Endpoint", "http://127.0.0.1:" + (core.port() + 1) + "/"));

        assertThatThrownBy(() -> run(backend, "USE ENGINE admin"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR));
    }

    @Test
    void endpointOfTheSameClusterIsFollowedWithItsParameters()
    {
        core.script("USE ENGINE other", Scripted.of(200, NO_RESULT, "Firebolt-Update-Endpoint", core.endpoint() + "/engines/other?database=sales"));
        TestingTrinoSession session = new TestingTrinoSession();

        TestingResultSink moved = run(backend, session, "USE ENGINE other");
        run(backend, session, "SELECT id FROM orders");

        assertThat(moved.sessionChanges()).containsExactly(
                SessionChange.setProperty(FireboltSession.ENDPOINT_PROPERTY, core.endpoint() + "/engines/other"),
                SessionChange.setCatalog("sales"));
        TestingFireboltCore.Request next = core.requests("SELECT id FROM orders").get(0);
        assertThat(next.path()).isEqualTo("/engines/other");
        assertThat(next.parameters()).containsEntry("database", "sales");
    }

    @Test
    void endpointOfAConfiguredNodeIsFollowed()
    {
        try (TestingFireboltCore node = TestingFireboltCore.start();
                FireboltBackend cluster = backend(FireboltTesting.settings(core).withFollowEndpoints(List.of(URI.create(node.endpoint() + "/"))))) {
            core.script("USE ENGINE node", Scripted.of(200, NO_RESULT, "Firebolt-Update-Endpoint", node.endpoint()));
            TestingTrinoSession session = new TestingTrinoSession();

            run(cluster, session, "USE ENGINE node");
            run(cluster, session, "SELECT 2");

            assertThat(node.requests("SELECT 2")).hasSize(1);
            assertThat(core.requests("SELECT 2")).isEmpty();
        }
    }

    @Test
    void aForgedEndpointPropertyIsRefused()
    {
        TestingTrinoSession session = new TestingTrinoSession().property(FireboltSession.ENDPOINT_PROPERTY, "http://attacker.example:3473/");

        assertThatThrownBy(() -> run(backend, session, "SELECT 1"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SESSION_PROPERTY));
        assertThat(core.requests()).isEmpty();
    }
}
