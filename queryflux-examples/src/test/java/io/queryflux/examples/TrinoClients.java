package io.queryflux.examples;

import io.queryflux.core.testing.TestingJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Talks to a QueryFlux server the way Trino clients do: through trino-jdbc, or over raw HTTP
 * following {@code nextUri}.
 */
public final class TrinoClients
{
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TrinoClients() {}

    /** A trino-jdbc connection to a server at {@code root}, e.g. {@code http://127.0.0.1:8080}. */
    public static Connection connect(URI root)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "test");
        return DriverManager.getConnection("jdbc:trino://" + root.getHost() + ":" + root.getPort(), properties);
    }

    /** The first column of the first row of {@code sql}, run through trino-jdbc. */
    public static Object queryValue(URI root, String sql)
            throws SQLException
    {
        try (Connection connection = connect(root);
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            if (!resultSet.next()) {
                throw new AssertionError("No rows from " + sql);
            }
            return resultSet.getObject(1);
        }
    }

    /** The update count of {@code sql}, run through trino-jdbc. */
    public static long update(URI root, String sql)
            throws SQLException
    {
        try (Connection connection = connect(root);
                Statement statement = connection.createStatement()) {
            return statement.executeLargeUpdate(sql);
        }
    }

    /**
     * Posts {@code sql} to {@code base}/v1/statement and follows {@code nextUri} until there is none;
     * returns every response document, the first one first.
     */
    public static List<Map<String, Object>> runOverHttp(URI base, String sql)
            throws IOException, InterruptedException
    {
        List<Map<String, Object>> documents = new ArrayList<>();
        HttpRequest request = request(URI.create(base + "/v1/statement")).POST(HttpRequest.BodyPublishers.ofString(sql)).build();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + " from " + request.uri() + ": " + response.body());
            }
            Map<String, Object> document = TestingJson.object(response.body());
            documents.add(document);
            Object next = document.get("nextUri");
            if (next == null) {
                return documents;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Query not finished after " + DEADLINE + ": " + document);
            }
            request = request(URI.create((String) next)).GET().build();
        }
    }

    /** A GET of {@code uri}, without Trino headers. */
    public static HttpResponse<String> get(URI uri)
            throws IOException, InterruptedException
    {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(URI uri)
    {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("X-Trino-User", "test");
    }
}
