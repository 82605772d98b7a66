package io.queryflux.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config entry of one provider (a router, a cluster, a frontend), as read from YAML or built in
 * code. Reading a key marks it as known: after the factory returns, every key it never read is
 * reported as unknown. Problems are collected, not thrown, so that a user sees all of them at once,
 * each with its path (e.g. {@code clusterGroups.local.clusters[0].url}).
 *
 * <p>A getter that finds a value of the wrong type records a problem and returns the fallback.
 */
public interface ProviderConfig
{
    /** The config path of this entry, e.g. {@code routers[2]}. */
    String path();

    boolean has(String key);

    /**
     * The keys of this entry in config order, for a provider whose keys are names chosen by the user
     * (e.g. {@code protocolBased} maps protocol ids to groups). Listing does not mark a key as read:
     * the provider still reads each key it accepts.
     */
    Set<String> keys();

    Optional<String> string(String key);

    /** The string at {@code key}; records a problem and returns {@code null} when it is missing. */
    String requiredString(String key);

    int integer(String key, int fallback);

    long longValue(String key, long fallback);

    boolean bool(String key, boolean fallback);

    /** A duration written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or a number of milliseconds. */
    Duration duration(String key, Duration fallback);

    List<String> stringList(String key);

    /** A map of strings; a YAML {@code null} value stays {@code null}. */
    Map<String, String> stringMap(String key);

    /** Nested entries, e.g. the rules of a router. */
    List<ProviderConfig> list(String key);

    Optional<ProviderConfig> object(String key);

    /** Records a problem with {@code key}; it is reported as {@code <path>.<key> <message>}. */
    void problem(String key, String message);
}
