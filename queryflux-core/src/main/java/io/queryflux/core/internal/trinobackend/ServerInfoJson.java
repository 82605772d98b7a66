package io.queryflux.core.internal.trinobackend;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.io.IOException;

/**
 * Reads the one field of Trino's {@code /v1/info} the health check needs.
 */
final class ServerInfoJson
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private ServerInfoJson() {}

    static boolean isStarting(byte[] json)
    {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new QueryFluxException(ErrorCode.BACKEND_ERROR, "/v1/info is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("starting")) {
                    return value == JsonToken.VALUE_TRUE;
                }
                parser.skipChildren();
            }
            return false;
        }
        catch (IOException e) {
            throw new QueryFluxException(ErrorCode.BACKEND_ERROR, "/v1/info is not valid JSON: " + e.getMessage());
        }
    }
}
