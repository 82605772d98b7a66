package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import io.queryflux.spi.Column;
import io.queryflux.spi.TrinoType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a result's {@code columns} array once, with the {@code typeSignature} every client needs;
 * each page then splices the same bytes in.
 */
final class ColumnsJson
{
    private ColumnsJson() {}

    static String encode(List<Column> columns)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * (columns.size() + 1));
        try (JsonGenerator generator = TrinoJson.FACTORY.createGenerator(out)) {
            generator.writeStartArray();
            for (Column column : columns) {
                generator.writeStartObject();
                generator.writeStringField("name", column.name());
                generator.writeStringField("type", column.type().displayName());
                generator.writeFieldName("typeSignature");
                writeSignature(generator, column.type());
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeSignature(JsonGenerator generator, TrinoType type)
            throws IOException
    {
        generator.writeStartObject();
        generator.writeStringField("rawType", type.rawType());
        generator.writeArrayFieldStart("arguments");
        for (TrinoType.Argument argument : type.arguments()) {
            generator.writeStartObject();
            generator.writeStringField("kind", argument.kind().name());
            generator.writeFieldName("value");
            switch (argument.kind()) {
                case LONG -> generator.writeNumber(argument.value());
                case TYPE -> writeSignature(generator, argument.type());
                case NAMED_TYPE -> {
                    generator.writeStartObject();
                    if (argument.fieldName() != null) {
                        generator.writeObjectFieldStart("fieldName");
                        generator.writeStringField("name", argument.fieldName());
                        generator.writeEndObject();
                    }
                    generator.writeFieldName("typeSignature");
                    writeSignature(generator, argument.type());
                    generator.writeEndObject();
                }
            }
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }
}
