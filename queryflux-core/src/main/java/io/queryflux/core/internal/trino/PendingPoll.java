package io.queryflux.core.internal.trino;

import io.queryflux.spi.HttpExchange;

import java.util.concurrent.Future;

/**
 * A poll parked until its page is ready or its wait runs out.
 */
final class PendingPoll
{
    final HttpExchange exchange;
    final long token;
    final String baseUri;
    final long maxWaitMillis;
    Future<?> timeout;

    PendingPoll(HttpExchange exchange, long token, String baseUri, long maxWaitMillis)
    {
        this.exchange = exchange;
        this.token = token;
        this.baseUri = baseUri;
        this.maxWaitMillis = maxWaitMillis;
    }
}
