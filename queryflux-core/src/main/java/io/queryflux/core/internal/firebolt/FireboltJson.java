package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.InputStream;

/**
 * The streaming JSON factory for Firebolt's answers. It never closes the stream it reads: the HTTP
 * exchange owns the stream and decides whether closing it aborts the connection.
 */
final class FireboltJson
{
    static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private FireboltJson() {}

    static JsonParser parser(InputStream body)
            throws IOException
    {
        return FACTORY.createParser(body);
    }
}
