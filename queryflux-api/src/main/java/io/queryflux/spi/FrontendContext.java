package io.queryflux.spi;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a frontend is given by the server it runs in.
 */
public interface FrontendContext
{
    QueryEngine engine();

    /**
     * The address clients reach QueryFlux at ({@code queryflux.externalAddress}), for the URIs a
     * frontend hands out. Empty: derive it from each request.
     */
    Optional<String> externalAddress();

    /** A shared scheduler for short timer tasks (poll timeouts); tasks must not block. */
    ScheduledExecutorService scheduler();

    /** The QueryFlux version, for {@code /v1/info} and similar. */
    String serverVersion();
}
