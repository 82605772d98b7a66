package io.queryflux.examples;

import io.queryflux.core.QueryFlux;
import io.queryflux.jetty.QueryFluxServer;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The standalone QueryFlux server, the main class of {@code queryflux-server.jar}:
 *
 * <pre>{@code
 * java -jar queryflux-server.jar [--config FILE] [--port N] [--host HOST]
 * }</pre>
 *
 * Exits with 2 on wrong arguments and with 1 when the config is invalid or the server cannot
 * start; otherwise runs until stopped (e.g. by Ctrl-C), then shuts down gracefully.
 */
public final class QueryFluxMain
{
    private static final Logger log = LoggerFactory.getLogger(QueryFluxMain.class);

    private QueryFluxMain() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        ServerCommandLine.Result result = ServerCommandLine.parse(List.of(args));
        if (result instanceof ServerCommandLine.Help) {
            System.out.print(ServerCommandLine.usage());
            return;
        }
        if (result instanceof ServerCommandLine.Invalid invalid) {
            System.err.println(invalid.message());
            System.err.print(ServerCommandLine.usage());
            System.exit(2);
            return;
        }
        QueryFluxServer server;
        try {
            server = start(((ServerCommandLine.Run) result).options());
        }
        catch (QueryFluxException e) {
            if (e.errorCode() != ErrorCode.CONFIGURATION_INVALID) {
                throw e;
            }
            // The message lists every problem with its path; a stack trace would only bury it.
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        catch (IllegalStateException e) {
            // QueryFluxServer could not bind, e.g. the port is in use.
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            server.close();
        }, "queryflux-shutdown"));
        server.join();
    }

    /** Builds QueryFlux from the options' config and starts serving it. */
    public static QueryFluxServer start(ServerOptions options)
    {
        QueryFlux.Builder builder = QueryFlux.builder();
        if (options.configFile().isPresent()) {
            builder.configFile(options.configFile().get());
        }
        else {
            builder.config(BundledConfig.load());
        }
        QueryFluxServer.Builder server = QueryFluxServer.builder(builder.build()).host(options.host());
        options.port().ifPresent(server::port);
        return server.start();
    }
}
