package io.queryflux.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses the arguments of {@link QueryFluxMain}. It never exits or prints: the caller decides what
 * to do with the {@link Result}.
 */
public final class ServerCommandLine
{
    private static final String USAGE = """
            Usage: java -jar queryflux-server.jar [options]

            Options:
              --config FILE  YAML config file (default: the bundled in-memory DuckDB demo)
              --port N       Trino HTTP port, overriding the config's (0 picks a free port)
              --host HOST    address to listen on (default: 0.0.0.0)
              --help         show this help and exit
            """;

    private ServerCommandLine() {}

    /** The outcome of parsing. */
    public sealed interface Result
            permits Run, Help, Invalid {}

    /** Start the server with these options. */
    public record Run(ServerOptions options)
            implements Result {}

    /** Show {@link #usage()} and exit successfully. */
    public record Help()
            implements Result {}

    /** The arguments are wrong; {@code message} is one line saying why. */
    public record Invalid(String message)
            implements Result {}

    public static String usage()
    {
        return USAGE;
    }

    public static Result parse(List<String> arguments)
    {
        Optional<Path> configFile = Optional.empty();
        OptionalInt port = OptionalInt.empty();
        String host = ServerOptions.DEFAULT_HOST;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--help") || argument.equals("-h")) {
                return new Help();
            }
            if (!argument.equals("--config") && !argument.equals("--port") && !argument.equals("--host")) {
                return new Invalid(argument.startsWith("-") ? "Unknown option " + argument : "Unexpected argument '" + argument + "'");
            }
            // A following option is a forgotten value, not a value: "--port --host x".
            if (i + 1 >= arguments.size() || arguments.get(i + 1).isBlank() || arguments.get(i + 1).startsWith("--")) {
                return new Invalid("Option " + argument + " needs a value");
            }
            String value = arguments.get(++i);
            switch (argument) {
                case "--config" -> configFile = Optional.of(Path.of(value));
                case "--host" -> host = value;
                default -> {
                    OptionalInt parsed = parsePort(value);
                    if (parsed.isEmpty()) {
                        return new Invalid("Option --port must be a number from 0 to 65535, not '" + value + "'");
                    }
                    port = parsed;
                }
            }
        }
        return new Run(new ServerOptions(configFile, port, host));
    }

    private static OptionalInt parsePort(String value)
    {
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
        }
        catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
