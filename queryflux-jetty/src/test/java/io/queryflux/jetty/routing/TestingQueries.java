package io.queryflux.jetty.routing;

import io.queryflux.core.testing.TestingJson;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries for routing tests: where a query landed, through trino-jdbc or raw HTTP.
 */
final class TestingQueries
{
    private TestingQueries() {}

    /** One row of the routing testing engine: where the query ran, and its tags. */
    record Landed(String group, String cluster, String tags, List<String> warnings) {}

    /** A whole raw-HTTP query: its last document, every data row, and the warnings of every page. */
    record RawResult(Map<String, Object> last, List<List<Object>> rows, List<Map<String, Object>> warnings)
    {
        String state()
        {
            return TestingQueries.state(last);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> error()
        {
            return (Map<String, Object>) last.get("error");
        }
    }

    /** The {@code stats.state} of a query document. */
    @SuppressWarnings("unchecked")
    static String state(Map<String, Object> results)
    {
        return (String) ((Map<String, Object>) results.get("stats")).get("state");
    }

    /** Runs {@code sql} on the routing testing engine through trino-jdbc; returns its one row and warnings. */
    static Landed landed(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            assertThat(resultSet.next()).as("a row for " + sql).isTrue();
            Landed landed = new Landed(resultSet.getString("grp"), resultSet.getString("cluster"), resultSet.getString("tags"), new ArrayList<>());
            assertThat(resultSet.next()).as("one row only for " + sql).isFalse();
            for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                landed.warnings().add(warning.getMessage());
            }
            return landed;
        }
    }

    /** The first column of the only row of {@code sql}, e.g. the group a DuckDB's {@code whoami} table names. */
    static String single(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            assertThat(resultSet.next()).as("a row for " + sql).isTrue();
            String value = resultSet.getString(1);
            assertThat(resultSet.next()).as("one row only for " + sql).isFalse();
            return value;
        }
    }

    /** Follows {@code nextUri} from the first response to the end, as the user who submitted the query. */
    @SuppressWarnings("unchecked")
    static RawResult drain(TestingRoutingServer server, HttpResponse<String> first)
            throws Exception
    {
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        Map<String, Object> results = TestingJson.object(first.body());
        List<List<Object>> rows = new ArrayList<>();
        List<Map<String, Object>> warnings = new ArrayList<>();
        while (true) {
            if (results.containsKey("data")) {
                rows.addAll((List<List<Object>>) results.get("data"));
            }
            if (results.containsKey("warnings")) {
                warnings.addAll((List<Map<String, Object>>) results.get("warnings"));
            }
            if (!results.containsKey("nextUri")) {
                return new RawResult(results, rows, warnings);
            }
            HttpResponse<String> next = server.get((String) results.get("nextUri"), first.request().headers().firstValue("X-Trino-User").orElseThrow());
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            results = TestingJson.object(next.body());
        }
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}. */
    static void await(String description, Duration timeout, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + description);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + description, e);
            }
        }
    }
}
