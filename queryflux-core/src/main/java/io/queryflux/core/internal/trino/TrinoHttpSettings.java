package io.queryflux.core.internal.trino;

import io.queryflux.spi.ProviderConfig;

import java.time.Duration;

/**
 * The Trino HTTP frontend's settings, from {@code queryflux.frontends.trinoHttp}.
 *
 * @param maxQueryBytes the largest SQL body accepted
 * @param targetPageBytes a page is closed once its rows take this many bytes
 * @param maxPageRows a page is closed once it holds this many rows
 * @param bufferedPages pages a query may hold ready for its client before its producer waits
 * @param maxWait how long a poll waits for a page before answering without one
 * @param clientTimeout a query whose client has not polled for this long is abandoned and cancelled
 * @param finishedRetention how long a finished query's last page is kept for client retries
 * @param environment the environment name shown by {@code /v1/info}
 * @param maxConnections requests in flight at once (parked polls included); beyond it the answer is
 *        503, which Trino clients retry
 */
record TrinoHttpSettings(
        int maxQueryBytes,
        int targetPageBytes,
        int maxPageRows,
        int bufferedPages,
        Duration maxWait,
        Duration clientTimeout,
        Duration finishedRetention,
        String environment,
        int maxConnections)
{
    static TrinoHttpSettings defaults()
    {
        return new TrinoHttpSettings(1 << 20, 1 << 20, 100_000, 2, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(2), "queryflux", 2000);
    }

    static TrinoHttpSettings from(ProviderConfig config)
    {
        TrinoHttpSettings defaults = defaults();
        TrinoHttpSettings settings = new TrinoHttpSettings(
                config.integer("maxQueryBytes", defaults.maxQueryBytes()),
                config.integer("targetPageBytes", defaults.targetPageBytes()),
                config.integer("maxPageRows", defaults.maxPageRows()),
                config.integer("bufferedPages", defaults.bufferedPages()),
                config.duration("maxWait", defaults.maxWait()),
                config.duration("clientTimeout", defaults.clientTimeout()),
                config.duration("finishedRetention", defaults.finishedRetention()),
                config.string("environment").orElse(defaults.environment()),
                config.integer("maxConnections", defaults.maxConnections()));
        requirePositive(config, "maxQueryBytes", settings.maxQueryBytes());
        requirePositive(config, "targetPageBytes", settings.targetPageBytes());
        requirePositive(config, "maxPageRows", settings.maxPageRows());
        requirePositive(config, "bufferedPages", settings.bufferedPages());
        requirePositive(config, "maxWait", settings.maxWait().toMillis());
        requirePositive(config, "clientTimeout", settings.clientTimeout().toMillis());
        requirePositive(config, "maxConnections", settings.maxConnections());
        return settings;
    }

    private static void requirePositive(ProviderConfig config, String key, long value)
    {
        if (value <= 0) {
            config.problem(key, "must be > 0");
        }
    }
}
