package io.queryflux.jetty;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.TlsConfig;
import io.queryflux.jetty.internal.Connectors;
import io.queryflux.jetty.internal.JsonErrorHandler;
import io.queryflux.spi.SessionContext;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * QueryFlux on its own Jetty server, serving the Trino HTTP frontend at the root, over HTTPS when
 * {@code queryflux.frontends.trinoHttp.tls} is enabled.
 *
 * <pre>{@code
 * try (QueryFluxServer server = QueryFluxServer.builder(queryFlux).port(8080).start()) {
 *     server.join();
 * }
 * }</pre>
 *
 * {@link #close()} stops gracefully: the connector stops accepting, requests in flight get
 * {@code stopTimeout} to finish, then QueryFlux cancels what still runs and closes its backends.
 */
public final class QueryFluxServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(QueryFluxServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final QueryFlux queryFlux;
    private final boolean secure;

    private QueryFluxServer(Server server, ServerConnector connector, QueryFlux queryFlux, boolean secure)
    {
        this.server = server;
        this.connector = connector;
        this.queryFlux = queryFlux;
        this.secure = secure;
    }

    public static Builder builder(QueryFlux queryFlux)
    {
        return new Builder(queryFlux);
    }

    /** The port the server listens on; the real one when port 0 was asked for. */
    public int port()
    {
        return connector.getLocalPort();
    }

    /** The address Trino clients use, e.g. {@code http://127.0.0.1:8080}, or {@code https://...} with TLS. */
    public URI uri()
    {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
        return URI.create((secure ? "https" : "http") + "://" + host + ":" + port());
    }

    public QueryFlux queryFlux()
    {
        return queryFlux;
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

    public static final class Builder
    {
        private final QueryFlux queryFlux;
        private String host = "0.0.0.0";
        private Integer port;
        private int maxThreads = 200;
        private Duration stopTimeout = Duration.ofSeconds(10);

        private Builder(QueryFlux queryFlux)
        {
            this.queryFlux = requireNonNull(queryFlux, "queryFlux is null");
        }

        public Builder host(String host)
        {
            this.host = requireNonNull(host, "host is null");
            return this;
        }

        /** The port; by default {@code queryflux.frontends.trinoHttp.port}, or 8080. Use 0 for any free port. */
        public Builder port(int port)
        {
            this.port = port;
            return this;
        }

        public Builder maxThreads(int maxThreads)
        {
            this.maxThreads = maxThreads;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout)
        {
            this.stopTimeout = requireNonNull(stopTimeout, "stopTimeout is null");
            return this;
        }

        /** Starts the server; on failure, closes QueryFlux and throws. */
        public QueryFluxServer start()
        {
            QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
            threads.setName("queryflux-http");
            Server server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            // Trino clients can send large session and prepared-statement headers.
            http.setRequestHeaderSize(64 * 1024);
            TlsConfig tls = configuredTls();
            ServerConnector connector = Connectors.create(server, http, tls);
            connector.setHost(host);
            connector.setPort(port != null ? port : configuredPort());
            server.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            ServletHolder holder = new ServletHolder("queryflux", new QueryFluxServlet(queryFlux));
            holder.setAsyncSupported(true);
            context.addServlet(holder, "/*");
            context.setErrorHandler(new JsonErrorHandler());
            server.setErrorHandler(new JsonErrorHandler());
            server.setHandler(context);
            server.setStopTimeout(stopTimeout.toMillis());
            try {
                server.start();
            }
            catch (Exception e) {
                try {
                    server.stop();
                }
                catch (Exception ignored) {
                    // already failing
                }
                queryFlux.close();
                throw new IllegalStateException("Cannot start QueryFlux on " + host + ":" + connector.getPort() + ": " + e.getMessage(), e);
            }
            QueryFluxServer started = new QueryFluxServer(server, connector, queryFlux, tls.enabled());
            log.info("QueryFlux {} listening on {}", QueryFlux.VERSION, started.uri());
            return started;
        }

        private int configuredPort()
        {
            FrontendConfig trino = queryFlux.config().frontends().get(SessionContext.TRINO_HTTP);
            return trino == null ? FrontendConfig.DEFAULT_TRINO_HTTP_PORT : trino.port();
        }

        private TlsConfig configuredTls()
        {
            FrontendConfig trino = queryFlux.config().frontends().get(SessionContext.TRINO_HTTP);
            return trino == null ? TlsConfig.disabled() : trino.tls();
        }
    }
}
