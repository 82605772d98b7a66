package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.spi.QueryFluxException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes Trino's {@code QueryResults} document. Field order matters to clients: {@code columns}
 * comes before {@code data}, which JDBC decodes in one pass.
 */
final class QueryResultsWriter
{
    // QueryFlux's own warning codes start where Trino's standard ones end.
    private static final int QUERY_TAG_WARNING_CODE = 0x0F00;

    private static final byte[] DATA_START = ",\"data\":[".getBytes(StandardCharsets.US_ASCII);

    private QueryResultsWriter() {}

    /**
     * @param results what the page says
     * @return the response, with {@code results.page()} spliced between head and tail
     */
    static ResponseBody write(QueryResults results)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        int dataOffset = -1;
        try (JsonGenerator generator = TrinoJson.FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("id", results.queryId());
            generator.writeStringField("infoUri", results.infoUri());
            if (results.nextUri() != null) {
                generator.writeStringField("nextUri", results.nextUri());
            }
            if (results.columnsJson() != null) {
                generator.writeFieldName("columns");
                generator.writeRawValue(results.columnsJson());
                if (results.page() != null && results.page().rows() > 0) {
                    generator.flush();
                    out.write(DATA_START);
                    dataOffset = out.size();
                    out.write(']');
                }
            }
            writeStats(generator, results);
            if (results.error() != null) {
                TrinoJson.writeError(generator, results.error());
            }
            generator.writeArrayFieldStart("warnings");
            for (String warning : results.warnings()) {
                generator.writeStartObject();
                generator.writeObjectFieldStart("warningCode");
                generator.writeNumberField("code", QUERY_TAG_WARNING_CODE);
                generator.writeStringField("name", "QUERY_TAG_DROPPED");
                generator.writeEndObject();
                generator.writeStringField("message", warning);
                generator.writeEndObject();
            }
            generator.writeEndArray();
            if (results.updateType() != null) {
                generator.writeStringField("updateType", results.updateType());
            }
            if (results.updateCount() != null) {
                generator.writeNumberField("updateCount", results.updateCount());
            }
            generator.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] json = out.toByteArray();
        if (dataOffset < 0) {
            return ResponseBody.of(json);
        }
        byte[] head = java.util.Arrays.copyOfRange(json, 0, dataOffset);
        byte[] tail = java.util.Arrays.copyOfRange(json, dataOffset, json.length);
        return new ResponseBody(head, results.page(), tail);
    }

    private static void writeStats(JsonGenerator generator, QueryResults results)
            throws IOException
    {
        generator.writeObjectFieldStart("stats");
        generator.writeStringField("state", results.state());
        generator.writeBooleanField("queued", results.state().equals("QUEUED"));
        generator.writeBooleanField("scheduled", !results.state().equals("QUEUED"));
        generator.writeNumberField("nodes", 1);
        generator.writeNumberField("totalSplits", 0);
        generator.writeNumberField("queuedSplits", 0);
        generator.writeNumberField("runningSplits", 0);
        generator.writeNumberField("completedSplits", 0);
        generator.writeNumberField("cpuTimeMillis", 0);
        generator.writeNumberField("wallTimeMillis", results.elapsedMillis());
        generator.writeNumberField("queuedTimeMillis", results.queuedMillis());
        generator.writeNumberField("elapsedTimeMillis", results.elapsedMillis());
        generator.writeNumberField("processedRows", results.processedRows());
        generator.writeNumberField("processedBytes", 0);
        generator.writeNumberField("physicalInputBytes", 0);
        generator.writeNumberField("peakMemoryBytes", 0);
        generator.writeNumberField("spilledBytes", 0);
        generator.writeEndObject();
    }

    /**
     * The content of one {@code QueryResults} document.
     *
     * @param columnsJson the encoded {@code columns} array, or {@code null} while unknown
     * @param page rows to include, or {@code null}
     * @param state Trino's query state: QUEUED, RUNNING, FINISHED or FAILED
     */
    record QueryResults(
            String queryId,
            String infoUri,
            String nextUri,
            String columnsJson,
            Page page,
            String state,
            long queuedMillis,
            long elapsedMillis,
            long processedRows,
            QueryFluxException error,
            String updateType,
            Long updateCount,
            List<String> warnings)
    {
        QueryResults
        {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }
}
