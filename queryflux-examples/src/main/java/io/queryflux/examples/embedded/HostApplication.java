package io.queryflux.examples.embedded;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.jetty.QueryFluxServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An application with its own Jetty server that embeds QueryFlux next to its own endpoints.
 *
 * <p>{@link QueryFluxServlet} is mapped twice:
 * <ul>
 * <li>at {@code /*}, because Trino clients (trino-jdbc, the CLI) always send
 *     {@code POST /v1/statement} to the root of the server: they replace the path of the server URL
 *     and read the path of a JDBC URL as catalog and schema. The host's own endpoints, such as
 *     {@code /health}, are mapped at more specific paths, which win over {@code /*}.
 *     Connect with {@code jdbc:trino://host:port} or {@code trino --server http://host:port};
 * <li>at {@code /sql/*}, to show that QueryFlux also works under a path prefix for HTTP clients that
 *     follow the {@code nextUri}s it hands out, which then point under {@code /sql/} too.
 * </ul>
 */
public final class HostApplication
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(HostApplication.class);

    private final Server server;
    private final ServerConnector connector;
    private final QueryFlux queryFlux;

    private HostApplication(Server server, ServerConnector connector, QueryFlux queryFlux)
    {
        this.server = server;
        this.connector = connector;
        this.queryFlux = queryFlux;
    }

    public static void main(String[] args)
            throws Exception
    {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        HostApplication application = start("0.0.0.0", port);
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "host-shutdown"));
        log.info("Listening on {}: GET /health, or connect a Trino client to this address", application.uri());
        application.join();
    }

    /** Starts the application on {@code host} and {@code port}; port 0 picks a free one. */
    public static HostApplication start(String host, int port)
            throws Exception
    {
        QueryFlux queryFlux = QueryFlux.builder().config(config()).build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("health", new HealthServlet()), "/health");
        ServletHolder sql = new ServletHolder("queryflux", new QueryFluxServlet(queryFlux));
        // QueryFlux answers long polls asynchronously, without holding a container thread.
        sql.setAsyncSupported(true);
        context.addServlet(sql, "/*");
        context.addServlet(sql, "/sql/*");
        server.setHandler(context);
        // Lets queries in flight finish their current request on stop.
        server.setStopTimeout(5_000);
        try {
            server.start();
        }
        catch (Exception e) {
            try {
                server.stop();
            }
            catch (Exception stopFailure) {
                e.addSuppressed(stopFailure);
            }
            queryFlux.close();
            throw e;
        }
        return new HostApplication(server, connector, queryFlux);
    }

    /**
     * QueryFlux's config, built in code: one in-memory DuckDB with a {@code greetings} table. The
     * {@code trinoHttp} frontend is enabled by default; its port is unused here because the host's
     * own connector serves it.
     */
    public static QueryFluxConfig config()
    {
        return QueryFluxConfig.builder()
                .clusterGroup(ClusterGroupConfig.builder("embedded", "duckDb")
                        .maxRunningQueries(2)
                        .cluster("embedded-1", Map.of(
                                "databasePath", ":memory:",
                                "initSql", List.of(
                                        "CREATE TABLE greetings (language VARCHAR, greeting VARCHAR)",
                                        "INSERT INTO greetings VALUES ('en', 'hello'), ('de', 'hallo'), ('fr', 'bonjour')")))
                        .build())
                .routingFallback("embedded")
                .build();
    }

    /** The port the application listens on. */
    public int port()
    {
        return connector.getLocalPort();
    }

    /** The root of the application, e.g. {@code http://127.0.0.1:8080}. */
    public URI uri()
    {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + host + ":" + port());
    }

    /** Blocks until the server stops. */
    public void join()
            throws InterruptedException
    {
        server.join();
    }

    @Override
    public void close()
    {
        try {
            server.stop();
        }
        catch (Exception e) {
            log.warn("Jetty did not stop cleanly", e);
        }
        finally {
            queryFlux.close();
        }
    }
}
