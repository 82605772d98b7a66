package io.queryflux.examples;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * How {@link QueryFluxMain} was asked to run.
 *
 * @param configFile the YAML config, or empty for the bundled {@code queryflux-default.yaml}
 * @param port the Trino HTTP port, overriding the config's; 0 picks a free port
 * @param host the address to listen on
 */
public record ServerOptions(Optional<Path> configFile, OptionalInt port, String host)
{
    public static final String DEFAULT_HOST = "0.0.0.0";

    public ServerOptions
    {
        requireNonNull(configFile, "configFile is null");
        requireNonNull(port, "port is null");
        requireNonNull(host, "host is null");
    }
}
