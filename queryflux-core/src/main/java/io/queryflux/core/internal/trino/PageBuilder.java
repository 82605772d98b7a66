package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.io.IOException;
import java.util.List;

/**
 * Encodes rows into a page as they arrive, in {@link Page#CHUNK_BYTES} chunks. Only the producing
 * thread touches it.
 */
final class PageBuilder
{
    private final ValueWriter[] writers;
    private final int targetBytes;
    private final int maxRows;

    private ChunkedOutputStream buffer;
    private JsonGenerator generator;
    private int rows;

    PageBuilder(List<Column> columns, int targetBytes, int maxRows)
    {
        this.writers = columns.stream().map(column -> ValueWriters.forType(column.type())).toArray(ValueWriter[]::new);
        this.targetBytes = targetBytes;
        this.maxRows = maxRows;
        reset();
    }

    /** Appends a row; the values are encoded before this returns. */
    void append(Object[] values)
    {
        if (values.length != writers.length) {
            throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Row has " + values.length + " values for " + writers.length + " columns");
        }
        try {
            generator.writeStartArray();
            for (int i = 0; i < writers.length; i++) {
                ValueWriters.writeNullable(generator, writers[i], values[i]);
            }
            generator.writeEndArray();
        }
        catch (IOException | RuntimeException e) {
            throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot encode a row value: " + e.getMessage(), e);
        }
        rows++;
    }

    int rows()
    {
        return rows;
    }

    boolean isFull()
    {
        return rows >= maxRows || buffer.size() + generator.getOutputBuffered() >= targetBytes;
    }

    /** Closes the current page and starts a new one. */
    Page finish()
    {
        try {
            generator.close();
        }
        catch (IOException e) {
            throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot encode a page", e);
        }
        Page page = new Page(buffer.chunks(), buffer.size(), rows);
        reset();
        return page;
    }

    private void reset()
    {
        // A small page (a small targetBytes) gets a small first chunk rather than a whole one.
        buffer = new ChunkedOutputStream((int) Math.min(targetBytes + targetBytes / 8L, Page.CHUNK_BYTES), Page.CHUNK_BYTES);
        try {
            generator = TrinoJson.FACTORY.createGenerator(buffer);
        }
        catch (IOException e) {
            throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot start a page", e);
        }
        // Rows are root-level values; separate them the way a JSON array does.
        generator.setRootValueSeparator(new SerializedString(","));
        rows = 0;
    }
}
