package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes one non-null value of a known Trino type in the protocol's JSON form. Chosen once per
 * column, so the per-row work is just the write.
 */
@FunctionalInterface
interface ValueWriter
{
    void write(JsonGenerator generator, Object value)
            throws IOException;
}
