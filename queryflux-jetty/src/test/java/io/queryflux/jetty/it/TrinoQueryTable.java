package io.queryflux.jetty.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a Trino server itself says about its queries ({@code system.runtime.queries}), asked
 * directly, not through QueryFlux: the witness for what reached Trino and how it ended.
 */
final class TrinoQueryTable
{
    private final TestingTrinoServer trino;

    TrinoQueryTable(TestingTrinoServer trino)
    {
        this.trino = trino;
    }

    /** The query's state (QUEUED, RUNNING, FINISHED, FAILED, …), if Trino knows the query. */
    Optional<String> state(String queryId)
    {
        return column(queryId, "state");
    }

    Optional<String> errorCode(String queryId)
    {
        return column(queryId, "error_code");
    }

    boolean isDone(String queryId)
    {
        return state(queryId).filter(state -> state.equals("FINISHED") || state.equals("FAILED")).isPresent();
    }

    /** Cancels the query on Trino directly, unless it is over: a test that failed half-way must not leave it eating the shared server's CPU. */
    void cancelIfRunning(String queryId)
    {
        if (queryId == null || isDone(queryId)) {
            return;
        }
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(trino.uri().resolve("/v1/query/" + queryId))
                            .header("X-Trino-User", QueryFluxOnTrino.USER)
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Created and end time of each {@code SELECT count(*)} query whose text contains {@code marker}, by creation. */
    List<Timestamp[]> countQueriesWith(String marker)
            throws SQLException
    {
        List<Timestamp[]> runs = new ArrayList<>();
        try (Connection connection = QueryFluxOnTrino.connect(trino.jdbcUrl(), new Properties());
                // The LIKE 'SELECT count(*)%' leaves out this query itself (EXECUTE ... USING '%marker%').
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT created, \"end\" FROM system.runtime.queries WHERE query LIKE 'SELECT count(*)%' AND query LIKE ? ORDER BY created")) {
            statement.setString(1, "%" + marker + "%");
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    runs.add(new Timestamp[] {resultSet.getTimestamp(1), resultSet.getTimestamp(2)});
                }
            }
        }
        return runs;
    }

    private Optional<String> column(String queryId, String column)
    {
        try (Connection connection = QueryFluxOnTrino.connect(trino.jdbcUrl(), new Properties());
                PreparedStatement statement = connection.prepareStatement("SELECT " + column + " FROM system.runtime.queries WHERE query_id = ?")) {
            statement.setString(1, queryId);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Optional.ofNullable(resultSet.getString(1)) : Optional.empty();
            }
        }
        catch (SQLException e) {
            throw new AssertionError("Cannot read " + column + " of query " + queryId + " from Trino", e);
        }
    }
}
