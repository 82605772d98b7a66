package io.queryflux.core.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.queryflux.core.testing.TestingFireboltCoreErrors.Failure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes {@link TestingFireboltCore}'s answers in Firebolt's output formats: {@code JSONLines_Compact}
 * (chunked: {@code START}, {@code DATA} every {@value #ROWS_PER_MESSAGE} rows, then
 * {@code FINISH_SUCCESSFULLY} or {@code FINISH_WITH_ERRORS}), {@code JSON_Compact} and
 * {@code JSON_CompactLimited} (one document, {@code errors} after the data when a row fails), and
 * {@code TabSeparatedWithNamesAndTypes}. Rows stream from DuckDB as they are written, so a slow
 * reader makes the engine wait.
 */
final class TestingFireboltCoreWriter
{
    static final String JSON_LINES = "JSONLines_Compact";
    static final String JSON_COMPACT = "JSON_Compact";
    static final String JSON_COMPACT_LIMITED = "JSON_CompactLimited";
    static final String TAB_SEPARATED = "TabSeparatedWithNamesAndTypes";
    static final int ROWS_PER_MESSAGE = 1000;
    private static final int LIMITED_ROWS = 10_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final AtomicLong rowsSent;

    TestingFireboltCoreWriter(AtomicLong rowsSent)
    {
        this.rowsSent = rowsSent;
    }

    /** Thrown to drop the connection mid-result, as a crashing engine does. */
    static final class EngineDied
            extends RuntimeException
    {
        EngineDied(String message)
        {
            super(message);
        }
    }

    /** The columns of a result: names and Firebolt types. */
    private record Columns(List<String> names, List<String> types) {}

    static void writeFailure(HttpExchange exchange, Failure failure, String queryLabel)
            throws IOException
    {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(failure.status(), 0);
        try (JsonGenerator json = JSON.createGenerator(exchange.getResponseBody())) {
            json.writeStartObject();
            writeQuery(json, queryLabel);
            json.writeArrayFieldStart("errors");
            failure.write(json);
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /**
     * Streams a result; {@code dieAfterRows} (or -1) makes the engine drop the connection after that
     * many rows, as a crashed engine would.
     */
    void writeResult(HttpExchange exchange, String format, ResultSet result, String sql, String queryLabel, long dieAfterRows, Runnable statementDone)
            throws IOException, SQLException
    {
        exchange.getResponseHeaders().add("Content-Type", format.equals(TAB_SEPARATED) ? "text/tab-separated-values" : "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        Columns columns = result == null ? new Columns(List.of(), List.of()) : columns(result.getMetaData());
        switch (format) {
            case JSON_LINES -> writeJsonLines(body, columns, result, sql, queryLabel, dieAfterRows, statementDone);
            case TAB_SEPARATED -> writeTabSeparated(body, columns, result, statementDone);
            default -> writeJsonCompact(body, columns, result, sql, queryLabel, format.equals(JSON_COMPACT_LIMITED) ? LIMITED_ROWS : Long.MAX_VALUE, statementDone);
        }
        body.close();
    }

    private void writeJsonLines(OutputStream body, Columns columns, ResultSet result, String sql, String queryLabel, long dieAfterRows, Runnable statementDone)
            throws IOException, SQLException
    {
        JsonGenerator json = JSON.createGenerator(body);
        json.setRootValueSeparator(null);
        json.writeStartObject();
        json.writeStringField("message_type", "START");
        writeColumns(json, "result_columns", columns);
        json.writeStringField("query_id", UUID.randomUUID().toString());
        json.writeStringField("query_label", queryLabel);
        json.writeStringField("request_id", UUID.randomUUID().toString());
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
        long rows = 0;
        Failure failure = null;
        try {
            boolean open = false;
            while (result != null && result.next()) {
                if (!open) {
                    json.writeStartObject();
                    json.writeStringField("message_type", "DATA");
                    json.writeArrayFieldStart("data");
                    open = true;
                }
                writeRow(json, columns, result);
                rows++;
                if (rows == dieAfterRows) {
                    json.flush();
                    throw new EngineDied("The testing Firebolt engine died after " + rows + " rows");
                }
                if (rows % ROWS_PER_MESSAGE == 0) {
                    endDataMessage(json);
                    open = false;
                }
            }
            if (open) {
                endDataMessage(json);
            }
        }
        catch (SQLException e) {
            failure = TestingFireboltCoreErrors.fromDuckDb(e, sql);
            // The engine ends the message it was writing before it reports the failure.
            while (json.getOutputContext().inArray()) {
                json.writeEndArray();
            }
            if (json.getOutputContext().inObject()) {
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
        // The statement's transaction ends before the answer does, as an engine commits before it reports success.
        statementDone.run();
        json.writeStartObject();
        json.writeStringField("message_type", failure == null ? "FINISH_SUCCESSFULLY" : "FINISH_WITH_ERRORS");
        if (failure != null) {
            json.writeArrayFieldStart("errors");
            failure.write(json);
            json.writeEndArray();
        }
        writeStatistics(json, rows);
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    private void endDataMessage(JsonGenerator json)
            throws IOException
    {
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    private void writeJsonCompact(OutputStream body, Columns columns, ResultSet result, String sql, String queryLabel, long maxRows, Runnable statementDone)
            throws IOException, SQLException
    {
        JsonGenerator json = JSON.createGenerator(body);
        json.writeStartObject();
        writeQuery(json, queryLabel);
        writeColumns(json, "meta", columns);
        json.writeArrayFieldStart("data");
        long rows = 0;
        Failure failure = null;
        try {
            while (result != null && rows < maxRows && result.next()) {
                writeRow(json, columns, result);
                rows++;
            }
        }
        catch (SQLException e) {
            failure = TestingFireboltCoreErrors.fromDuckDb(e, sql);
        }
        statementDone.run();
        json.writeEndArray();
        json.writeNumberField("rows", rows);
        if (failure != null) {
            json.writeArrayFieldStart("errors");
            failure.write(json);
            json.writeEndArray();
        }
        writeStatistics(json, rows);
        json.writeEndObject();
        json.flush();
    }

    private void writeTabSeparated(OutputStream body, Columns columns, ResultSet result, Runnable statementDone)
            throws IOException, SQLException
    {
        Writer text = new OutputStreamWriter(body, StandardCharsets.UTF_8);
        if (!columns.names().isEmpty()) {
            text.write(String.join("\t", columns.names()) + "\n");
            text.write(String.join("\t", columns.types()) + "\n");
        }
        while (result != null && result.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < columns.names().size(); i++) {
                String type = columns.types().get(i).replaceAll(" null$", "");
                Object value = result.getObject(i + 1);
                values.add(value == null ? "\\N" : TestingFireboltCoreValues.text(type, value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
            }
            text.write(String.join("\t", values) + "\n");
            rowsSent.incrementAndGet();
        }
        statementDone.run();
        text.flush();
    }

    private void writeRow(JsonGenerator json, Columns columns, ResultSet result)
            throws IOException, SQLException
    {
        json.writeStartArray();
        for (int i = 0; i < columns.names().size(); i++) {
            String type = columns.types().get(i);
            TestingFireboltCoreValues.write(json, type.endsWith(" null") ? type.substring(0, type.length() - " null".length()) : type, result.getObject(i + 1));
        }
        json.writeEndArray();
        rowsSent.incrementAndGet();
    }

    private static Columns columns(ResultSetMetaData metadata)
            throws SQLException
    {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            names.add(metadata.getColumnLabel(i));
            String type = TestingFireboltCoreValues.fireboltType(metadata.getColumnTypeName(i));
            types.add(metadata.isNullable(i) == ResultSetMetaData.columnNoNulls ? type : type + " null");
        }
        return new Columns(names, types);
    }

    private static void writeColumns(JsonGenerator json, String field, Columns columns)
            throws IOException
    {
        json.writeArrayFieldStart(field);
        for (int i = 0; i < columns.names().size(); i++) {
            json.writeStartObject();
            json.writeStringField("name", columns.names().get(i));
            json.writeStringField("type", columns.types().get(i));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeQuery(JsonGenerator json, String queryLabel)
            throws IOException
    {
        json.writeObjectFieldStart("query");
        json.writeStringField("query_id", UUID.randomUUID().toString());
        json.writeStringField("request_id", UUID.randomUUID().toString());
        json.writeStringField("query_label", queryLabel);
        json.writeEndObject();
    }

    private static void writeStatistics(JsonGenerator json, long rows)
            throws IOException
    {
        json.writeObjectFieldStart("statistics");
        json.writeNumberField("elapsed", 0.001);
        json.writeNumberField("rows_read", rows);
        json.writeNumberField("bytes_read", 0);
        json.writeNumberField("time_before_execution", 0.0);
        json.writeNumberField("time_to_execute", 0.001);
        json.writeEndObject();
    }
}
