package io.queryflux.core.internal.auth;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JWKS file for nimbus' caching key source, so that a file is re-read on the same schedule as a
 * JWKS URL is re-fetched (keys rotated by replacing the file are picked up without a restart).
 */
final class FileResourceRetriever
        implements ResourceRetriever
{
    private static final long MAX_BYTES = 1 << 20;

    private final Path file;

    FileResourceRetriever(Path file)
    {
        this.file = file;
    }

    @Override
    public Resource retrieveResource(java.net.URL ignored)
            throws IOException
    {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("JWKS file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        return new Resource(Files.readString(file, StandardCharsets.UTF_8), "application/json");
    }
}
