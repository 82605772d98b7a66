package io.queryflux.core.internal.auth;

import io.queryflux.spi.ProviderConfig;

import java.time.Duration;
import java.util.Optional;

/**
 * How password checks are cached and throttled, from {@code auth.logins}.
 *
 * <pre>{@code
 * logins:
 *   cacheTtl: 5m          # a verified user name and password is trusted this long without hashing again; 0 disables
 *   maxFailures: 5        # failures in a row, per user and client address, before a lockout
 *   lockout: 1s           # the first lockout; doubled with each further failure
 *   maxLockout: 15m       # the longest lockout
 *   maxConcurrent: 4      # password hashes computed at once (default: the number of CPUs, at least 2)
 *   maxWait: 1s           # how long a login waits for one of those before the answer is 503
 * }</pre>
 */
public record LoginSettings(Duration cacheTtl, int maxFailures, Duration lockout, Duration maxLockout, int maxConcurrent, Duration maxWait)
{
    public static LoginSettings defaults()
    {
        return new LoginSettings(Duration.ofMinutes(5), 5, Duration.ofSeconds(1), Duration.ofMinutes(15),
                Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(1));
    }

    /** Reads {@code logins} of the {@code auth} entry. */
    public static LoginSettings read(ProviderConfig auth)
    {
        LoginSettings defaults = defaults();
        Optional<ProviderConfig> entry = auth.object("logins");
        if (entry.isEmpty()) {
            return defaults;
        }
        ProviderConfig config = entry.get();
        LoginSettings settings = new LoginSettings(
                config.duration("cacheTtl", defaults.cacheTtl()),
                config.integer("maxFailures", defaults.maxFailures()),
                config.duration("lockout", defaults.lockout()),
                config.duration("maxLockout", defaults.maxLockout()),
                config.integer("maxConcurrent", defaults.maxConcurrent()),
                config.duration("maxWait", defaults.maxWait()));
        if (settings.cacheTtl().isNegative()) {
            config.problem("cacheTtl", "must be >= 0");
        }
        if (settings.maxFailures() < 1) {
            config.problem("maxFailures", "must be > 0");
        }
        if (settings.lockout().isNegative() || settings.lockout().isZero()) {
            config.problem("lockout", "must be > 0");
        }
        if (settings.maxLockout().compareTo(settings.lockout()) < 0) {
            config.problem("maxLockout", "must be >= lockout");
        }
        if (settings.maxConcurrent() < 1) {
            config.problem("maxConcurrent", "must be > 0");
        }
        if (settings.maxWait().isNegative()) {
            config.problem("maxWait", "must be >= 0");
        }
        return settings;
    }
}
