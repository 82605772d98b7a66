package io.queryflux.core.internal.trino;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/info}, shaped like Trino's: JDBC's {@code getDatabaseProductVersion()} and DBeaver
 * read it on connect.
 */
final class ServerInfo
{
    private final String version;
    private final String environment;
    private final long startNanos = System.nanoTime();

    ServerInfo(String version, String environment)
    {
        this.version = version;
        this.environment = environment;
    }

    byte[] json()
    {
        double minutes = (System.nanoTime() - startNanos) / (double) TimeUnit.MINUTES.toNanos(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator generator = TrinoJson.FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeObjectFieldStart("nodeVersion");
            generator.writeStringField("version", version);
            generator.writeEndObject();
            generator.writeStringField("environment", environment);
            generator.writeBooleanField("coordinator", true);
            generator.writeBooleanField("starting", false);
            generator.writeStringField("uptime", String.format(Locale.ROOT, "%.2fm", minutes));
            generator.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
