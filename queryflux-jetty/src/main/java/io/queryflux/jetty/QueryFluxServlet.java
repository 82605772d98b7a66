package io.queryflux.jetty;

import io.queryflux.core.QueryFlux;
import io.queryflux.jetty.internal.ServletHttpExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import static java.util.Objects.requireNonNull;

/**
 * Serves QueryFlux from any jakarta servlet 6 container. Mount it under a path prefix of your
 * choice, e.g. {@code /*} for Trino clients that expect {@code /v1/statement} at the root, or
 * {@code /sql/*} next to your own endpoints (clients then use {@code http://host/sql} as server).
 *
 * <p>Every request runs in async mode: a client waiting for its next page holds no container thread.
 */
public class QueryFluxServlet
        extends HttpServlet
{
    private final transient QueryFlux queryFlux;

    public QueryFluxServlet(QueryFlux queryFlux)
    {
        this.queryFlux = requireNonNull(queryFlux, "queryFlux is null");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
    {
        AsyncContext async = request.startAsync();
        // QueryFlux bounds every wait itself; the container must not time the exchange out.
        async.setTimeout(0);
        queryFlux.handle(new ServletHttpExchange(request, response, async));
    }
}
