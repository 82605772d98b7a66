package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * Reads one non-null Firebolt value at the parser's current token (and, for an array, the tokens up
 * to its end) into the Java form of its Trino type.
 */
@FunctionalInterface
interface ValueReader
{
    Object read(JsonParser parser)
            throws IOException;
}
