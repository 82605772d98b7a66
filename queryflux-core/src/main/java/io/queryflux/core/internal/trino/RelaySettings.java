package io.queryflux.core.internal.trino;

import io.queryflux.spi.ProviderConfig;

import java.time.Duration;

/**
 * How the Trino frontend relays to Trino clusters.
 *
 * @param retryBudget how long a request that meets 502/503/504, 429 or a connection failure is
 *        retried before the query fails
 * @param requestTimeout how long Trino may stay silent while answering one request (a long poll
 *        answers within a second or so; a much longer silence means the coordinator is stuck)
 */
record RelaySettings(Duration retryBudget, Duration requestTimeout)
{
    static RelaySettings from(ProviderConfig config)
    {
        return new RelaySettings(
                config.duration("relayRetryBudget", Duration.ofSeconds(20)),
                config.duration("relayRequestTimeout", Duration.ofMinutes(2)));
    }
}
