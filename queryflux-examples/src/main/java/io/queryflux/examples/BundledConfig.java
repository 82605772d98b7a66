package io.queryflux.examples;

import io.queryflux.core.config.ConfigLoader;
import io.queryflux.core.config.QueryFluxConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The config {@link QueryFluxMain} runs without {@code --config}: the Trino HTTP frontend on port
 * 8080 and one in-memory DuckDB with a small {@code demo} schema ({@code customers}, {@code orders}).
 */
public final class BundledConfig
{
    public static final String RESOURCE = "queryflux-default.yaml";

    private BundledConfig() {}

    public static QueryFluxConfig load()
    {
        return ConfigLoader.parse(yaml());
    }

    /** The YAML text, e.g. as a starting point for a config file of one's own. */
    public static String yaml()
    {
        try (InputStream in = BundledConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + RESOURCE, e);
        }
    }
}
