package io.queryflux.core.internal.passthrough;

/**
 * Chooses the URI a client sees in place of one a Trino coordinator wrote into a response.
 * Returning the argument itself, or {@code null}, leaves the original bytes untouched.
 */
@FunctionalInterface
public interface UriMapper
{
    String map(String originalUri);

    /**
     * A mapper that keeps every URI as it is.
     */
    static UriMapper identity()
    {
        return uri -> uri;
    }
}
