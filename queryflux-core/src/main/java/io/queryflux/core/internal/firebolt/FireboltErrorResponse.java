package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the errors out of a non-2xx Firebolt answer. The body may be a JSON_Compact-style document
 * with {@code errors}, a JSONLines {@code FINISH_WITH_ERRORS} message, or plain text; only its first
 * megabyte is read, so a misbehaving engine cannot make the proxy buffer without bound.
 */
final class FireboltErrorResponse
{
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_TEXT_CHARS = 2000;

    private FireboltErrorResponse() {}

    static List<FireboltError> read(InputStream body)
            throws IOException
    {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES);
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.startsWith("{")) {
            try {
                List<FireboltError> errors = fromJson(bytes);
                if (!errors.isEmpty()) {
                    return errors;
                }
            }
            catch (JsonProcessingException e) {
                // Not JSON after all (or cut at the size limit): report the text.
            }
        }
        return List.of(FireboltError.described(text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS) + "..."));
    }

    /** The {@code errors} of every top-level object: one document, or one object per line. */
    private static List<FireboltError> fromJson(byte[] bytes)
            throws IOException
    {
        List<FireboltError> errors = new ArrayList<>();
        try (JsonParser parser = FireboltJson.FACTORY.createParser(bytes)) {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals("errors") || field.equals("error")) {
                        errors.addAll(FireboltError.readAll(parser));
                    }
                    else {
                        parser.skipChildren();
                    }
                }
            }
        }
        return errors;
    }
}
