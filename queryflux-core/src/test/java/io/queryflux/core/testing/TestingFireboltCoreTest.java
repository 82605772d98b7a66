package io.queryflux.core.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testing engine speaks Firebolt's protocol as the protocol notes describe it; the backend tests
 * rely on that, so it is checked on the wire here.
 */
class TestingFireboltCoreTest
{
    private final HttpClient http = HttpClient.newHttpClient();
    private TestingFireboltCore core;

    @BeforeEach
    void start()
    {
        core = TestingFireboltCore.start();
    }

    @AfterEach
    void stop()
    {
        core.close();
    }

    @Test
    void answersTabSeparatedByDefault()
            throws Exception
    {
        HttpResponse<String> response = post("SELECT 42 AS answer, NULL::TEXT AS nothing", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("answer\tnothing\nint null\ttext null\n42\t\\N\n");
    }

    @Test
    void answersJsonCompact()
            throws Exception
    {
        Map<String, Object> document = TestingJson.object(post("SELECT 42", Map.of("output_format", "JSON_Compact")).body());

        assertThat(document.get("meta")).isEqualTo(List.of(Map.of("name", "42", "type", "int null")));
        assertThat(document.get("data")).isEqualTo(List.of(List.of(42L)));
        assertThat(document).containsEntry("rows", 1L).containsKeys("query", "statistics");
    }

    @Test
    void answersJsonLinesMessages()
            throws Exception
    {
        List<Map<String, Object>> messages = post("SELECT i FROM range(1500) t(i)", Map.of("output_format", "JSONLines_Compact")).body().lines()
                .map(TestingJson::object)
                .toList();

        assertThat(messages).extracting(message -> message.get("message_type")).containsExactly("START", "DATA", "DATA", "FINISH_SUCCESSFULLY");
        assertThat(messages.get(0).get("result_columns")).isEqualTo(List.of(Map.of("name", "i", "type", "bigint null")));
        assertThat((List<?>) messages.get(1).get("data")).hasSize(1000);
    }

    @Test
    void answersFireboltShapedErrorsWithTheirLocation()
            throws Exception
    {
        HttpResponse<String> response = post("SELECT *\nFROM nonexistent", Map.of("output_format", "JSON_Compact"));

        assertThat(response.statusCode()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((List<Map<String, Object>>) TestingJson.object(response.body()).get("errors")).get(0);
        assertThat(error).containsEntry("severity", "ERROR").containsEntry("source", "User Error");
        assertThat((String) error.get("description")).startsWith("Table with name nonexistent does not exist");
        assertThat(error.get("location")).isEqualTo(Map.of("failing_line", 2L, "start_offset", 14L, "end_offset", 15L));
    }

    @Test
    void keepsTheSessionInHeadersAndParameters()
            throws Exception
    {
        core.execute("CREATE SCHEMA sales", "CREATE TABLE sales.orders (id INTEGER)");

        assertThat(post("USE DATABASE sales", Map.of()).headers().allValues("Firebolt-Update-Parameters")).containsExactly("database=sales");
        HttpResponse<String> begin = post("BEGIN TRANSACTION", Map.of("database", "sales"));
        String transactionId = begin.headers().firstValue("Firebolt-Update-Parameters").orElseThrow().substring("transaction_id=".length());
        HttpResponse<String> insert = post("INSERT INTO orders VALUES (1)", Map.of("database", "sales", "transaction_id", transactionId));
        assertThat(insert.headers().allValues("Firebolt-Update-Parameters")).containsExactly("transaction_sequence_id=0");
        // A stale sequence id is refused.
        assertThat(post("SELECT 1", Map.of("database", "sales", "transaction_id", transactionId)).statusCode()).isEqualTo(400);
        HttpResponse<String> commit = post("COMMIT", Map.of("database", "sales", "transaction_id", transactionId, "transaction_sequence_id", "0"));
        assertThat(commit.headers().allValues("Firebolt-Remove-Parameters")).containsExactly("transaction_id", "transaction_sequence_id");
        assertThat(post("SELECT count(*) FROM orders", Map.of("database", "sales")).body()).endsWith("\n1\n");
    }

    @Test
    void rejectsASecondConcurrentWriteTransaction()
            throws Exception
    {
        core.execute("CREATE TABLE t (x INTEGER)");
        String transactionId = post("BEGIN", Map.of()).headers().firstValue("Firebolt-Update-Parameters").orElseThrow().substring("transaction_id=".length());
        assertThat(post("INSERT INTO t VALUES (1)", Map.of("transaction_id", transactionId)).statusCode()).isEqualTo(200);

        HttpResponse<String> second = post("INSERT INTO t VALUES (2)", Map.of());

        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(second.body()).contains("another write transaction is active");
        assertThat(core.rejectedWrites()).isEqualTo(1);
        // Reads go on.
        assertThat(post("SELECT count(*) FROM t", Map.of()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String sql, Map<String, String> parameters)
            throws IOException, InterruptedException
    {
        String query = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(core.endpoint() + "/" + (query.isEmpty() ? "" : "?" + query));
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
