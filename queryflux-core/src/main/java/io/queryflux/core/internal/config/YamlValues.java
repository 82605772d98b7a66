package io.queryflux.core.internal.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static io.queryflux.core.internal.config.ConfigProblems.child;

/**
 * Reads the structural values of a YAML config (maps with string keys, as {@link EnvironmentSubstitution}
 * leaves them). A value of the wrong type is recorded as a problem at its path and read as absent, so
 * that reading goes on. The messages match those of {@link MapProviderConfig}.
 */
final class YamlValues
{
    private YamlValues() {}

    /** The map at {@code path}; absent reads as empty; empty when it is not a map. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> map(Object value, String path, ConfigProblems problems)
    {
        if (value == null) {
            return Optional.of(Map.of());
        }
        if (value instanceof Map<?, ?> map) {
            return Optional.of((Map<String, Object>) map);
        }
        problems.add(path, "must be a map, not " + describe(value));
        return Optional.empty();
    }

    /** The list at {@code path}; absent reads as empty; empty when it is not a list. */
    @SuppressWarnings("unchecked")
    static Optional<List<Object>> list(Object value, String path, ConfigProblems problems)
    {
        if (value == null) {
            return Optional.of(List.of());
        }
        if (value instanceof List<?> list) {
            return Optional.of((List<Object>) list);
        }
        problems.add(path, "must be a list, not " + describe(value));
        return Optional.empty();
    }

    /** The scalar at {@code path} as a string, or {@code null} when absent or not a scalar. */
    static String string(Object value, String path, ConfigProblems problems)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(path, "must be a string, not " + describe(value));
            return null;
        }
        return value.toString();
    }

    static OptionalInt integer(Object value, String path, ConfigProblems problems)
    {
        if (value == null) {
            return OptionalInt.empty();
        }
        BigInteger number = null;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            number = BigInteger.valueOf(((Number) value).longValue());
        }
        else if (value instanceof BigInteger bigInteger) {
            number = bigInteger;
        }
        else if (value instanceof String text && text.trim().matches("[-+]?\\d+")) {
            // Strings come from ${ENV} substitution, e.g. port: ${PORT}.
            number = new BigInteger(text.trim());
        }
        if (number == null) {
            problems.add(path, "must be an integer, not " + describe(value));
            return OptionalInt.empty();
        }
        if (number.bitLength() > 31) {
            problems.add(path, "is out of range: " + number);
            return OptionalInt.empty();
        }
        return OptionalInt.of(number.intValue());
    }

    static Optional<Boolean> bool(Object value, String path, ConfigProblems problems)
    {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean bool) {
            return Optional.of(bool);
        }
        if (value instanceof String text && (text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(text.trim()));
        }
        problems.add(path, "must be true or false, not " + describe(value));
        return Optional.empty();
    }

    static Optional<Duration> duration(Object value, String path, ConfigProblems problems)
    {
        if (value == null) {
            return Optional.empty();
        }
        Optional<Duration> duration = value instanceof Map || value instanceof List ? Optional.empty() : MapProviderConfig.parseDuration(value);
        if (duration.isEmpty()) {
            problems.add(path, "must be a duration such as 500ms, 30s, 5m or 1h, not " + describe(value));
        }
        return duration;
    }

    /** Reports each key of {@code entry} that is not one of {@code known}, in config order. */
    static void reportUnknownKeys(Map<String, Object> entry, Set<String> known, String path, ConfigProblems problems)
    {
        entry.keySet().stream()
                .filter(key -> !known.contains(key))
                .forEach(key -> problems.add(child(path, key), "is not a known key"));
    }

    /** The entries of {@code entry} except {@code keys}: what a provider's factory reads. */
    static Map<String, Object> without(Map<String, Object> entry, Set<String> keys)
    {
        Map<String, Object> rest = new LinkedHashMap<>(entry);
        rest.keySet().removeAll(keys);
        return rest;
    }

    static String describe(Object value)
    {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "'" + value + "'";
    }
}
