package io.queryflux.core.internal.jdbc;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendFactory;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static io.queryflux.core.internal.jdbc.DuckDbTesting.create;
import static io.queryflux.core.internal.jdbc.DuckDbTesting.createReporting;
import static io.queryflux.core.internal.jdbc.DuckDbTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcBackendFactoryTest
{
    @Test
    void bothFactoriesAreServices()
    {
        assertThat(ServiceLoader.load(BackendFactory.class).stream().map(provider -> provider.get().name()))
                .contains("jdbc", "duckDb");
    }

    @Test
    void reportsConfigProblemsInsteadOfThrowing()
    {
        assertProblems(Map.of(), "clusters[0].url is required");
        assertProblems(Map.of("url", "postgresql://localhost/test"), "clusters[0].url must be a JDBC URL starting with 'jdbc:'");
        Map<String, Object> nullProperty = new HashMap<>();
        nullProperty.put("ssl", null);
        assertProblems(Map.of("url", "jdbc:postgresql://localhost/test", "properties", nullProperty), "clusters[0].properties.ssl must have a value");
    }

    @Test
    void anUnreachableClusterFailsItsQueriesNotTheStart()
    {
        Map<String, Object> config = Map.of(
                "url", "jdbc:nosuchdriver://admin:hunter2@db.example.com/test?password=hunter2",
                "user", "admin",
                "password", "hunter2");
        try (Backend backend = create(new JdbcBackendFactory(), config, 2)) {
            assertThatThrownBy(() -> run(backend, "SELECT 1"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessageStartingWith("Cannot connect to cluster 'cluster0' (jdbc:nosuchdriver://db.example.com/test): ")
                    .hasMessageContaining("No suitable driver")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void runsQueriesThroughAnyDriverAndInitSqlOnce()
    {
        Map<String, Object> config = Map.of(
                "url", "jdbc:duckdb:",
                "initSql", List.of("CREATE TABLE numbers AS SELECT * FROM range(4) t(n)"),
                "validationQuery", "SELECT 42");
        try (Backend backend = create(new JdbcBackendFactory(), config, 1)) {
            TestingResultSink sink = run(backend, "SELECT sum(n)::HUGEINT AS total, [n] AS list FROM numbers GROUP BY n ORDER BY n LIMIT 1");
            // A DuckDB URL gets DuckDB's richer type mapping.
            assertThat(sink.typeNames()).containsExactly("decimal(38, 0)", "array(bigint)");
            // Failing a query has the connection validated before reuse; initSql does not run again.
            assertThatThrownBy(() -> run(backend, "SELECT * FROM nope")).isInstanceOf(QueryFluxException.class);
            assertThat(run(backend, "SELECT count(*) FROM numbers").onlyValue()).isEqualTo(4L);
        }
    }

    @Test
    void aFailingInitSqlFailsTheQueryUntilItSucceeds()
    {
        Map<String, Object> config = Map.of("url", "jdbc:duckdb:", "initSql", List.of("SELECT * FROM missing"));
        try (Backend backend = create(new JdbcBackendFactory(), config, 1)) {
            assertThatThrownBy(() -> run(backend, "SELECT 1"))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessageContaining("initSql[0] failed: ")
                    .hasMessageContaining("missing");
        }
    }

    @Test
    void redactsCredentialsFromUrls()
    {
        assertThat(DriverConnectionFactory.redact("jdbc:postgresql://user:secret@host:5432/db?password=secret")).isEqualTo("jdbc:postgresql://host:5432/db");
        assertThat(DriverConnectionFactory.redact("jdbc:sqlserver://host:1433;user=sa;password=secret")).isEqualTo("jdbc:sqlserver://host:1433");
        assertThat(DriverConnectionFactory.redact("jdbc:mariadb://host/db")).isEqualTo("jdbc:mariadb://host/db");
        assertThat(DriverConnectionFactory.redact("jdbc:duckdb:")).isEqualTo("jdbc:duckdb:");
    }

    private static void assertProblems(Map<String, ?> config, String expected)
    {
        ConfigProblems problems = new ConfigProblems();
        assertThat(createReporting(new JdbcBackendFactory(), config, 1, problems)).isNull();
        assertThat(problems.list()).containsExactly(expected);
    }
}
