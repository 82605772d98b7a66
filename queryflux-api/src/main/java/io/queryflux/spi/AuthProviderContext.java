package io.queryflux.spi;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What an auth provider factory is given by the server it runs in.
 *
 * @param scheduler a shared scheduler for short background tasks (e.g. refreshing keys); tasks must not block
 */
public record AuthProviderContext(ScheduledExecutorService scheduler)
{
}
