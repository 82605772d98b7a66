package io.queryflux.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A cluster whose engine speaks a frontend's own wire protocol (such as a Trino coordinator for the
 * Trino HTTP frontend). Instead of running the query through {@link Backend#execute}, the frontend
 * relays the client's requests to the engine and the engine's answers back, rewriting only what
 * must point at QueryFlux. The frontend must send requests to {@link #endpoint()} and nowhere else.
 */
public interface Passthrough
{
    /** The frontend protocol the engine speaks, e.g. {@link SessionContext#TRINO_HTTP}. */
    String protocol();

    /** The cluster's name, as configured. */
    String clusterName();

    /** The engine's base URI, e.g. {@code http://trino-1:8080}. */
    URI endpoint();

    /** How long opening a connection to {@link #endpoint()} may take. */
    Duration connectTimeout();

    /**
     * The headers that identify QueryFlux (or the client) to the engine, e.g. {@code Authorization}.
     * A configured service identity always wins over the client's own credentials.
     */
    Map<String, String> identityHeaders(Credentials client);
}
