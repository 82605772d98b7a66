package io.queryflux.spi;

/**
 * A client protocol served over HTTP, such as the Trino client protocol.
 */
public interface Frontend
        extends AutoCloseable
{
    /** The protocol's identifier, e.g. {@link SessionContext#TRINO_HTTP}; routers match on it. */
    String protocol();

    /**
     * Serves a request, or returns {@code false} when its path does not belong to this frontend.
     * The exchange may be completed later, from another thread; the frontend must not block the
     * calling thread while it waits for a query.
     */
    boolean handle(HttpExchange exchange);

    @Override
    default void close() {}
}
