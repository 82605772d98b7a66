package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.queryflux.spi.QueryFluxException;

import java.io.IOException;

/**
 * The shared, thread-safe jackson-core factory and the pieces of Trino JSON several writers share.
 */
final class TrinoJson
{
    // The fast (Schubfach) double writer: double formatting was the largest cost of numeric pages.
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    static final String CONTENT_TYPE = "application/json";

    private TrinoJson() {}

    /** Writes Trino's {@code error} object for a failure. */
    static void writeError(JsonGenerator generator, QueryFluxException error)
            throws IOException
    {
        generator.writeObjectFieldStart("error");
        generator.writeStringField("message", error.getMessage());
        generator.writeNumberField("errorCode", error.errorCode().code());
        generator.writeStringField("errorName", error.errorCode().name());
        generator.writeStringField("errorType", error.errorCode().type().name());
        if (error.location().isPresent()) {
            writeLocation(generator, error);
        }
        // The CLI prints failureInfo with --debug as "<type>: <message>"; the type carries the errorName.
        generator.writeObjectFieldStart("failureInfo");
        generator.writeStringField("type", error.errorCode().name());
        generator.writeStringField("message", error.getMessage());
        generator.writeArrayFieldStart("suppressed");
        generator.writeEndArray();
        generator.writeArrayFieldStart("stack");
        generator.writeEndArray();
        if (error.location().isPresent()) {
            writeLocation(generator, error);
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }

    private static void writeLocation(JsonGenerator generator, QueryFluxException error)
            throws IOException
    {
        generator.writeObjectFieldStart("errorLocation");
        generator.writeNumberField("lineNumber", error.location().get().lineNumber());
        generator.writeNumberField("columnNumber", error.location().get().columnNumber());
        generator.writeEndObject();
    }
}
