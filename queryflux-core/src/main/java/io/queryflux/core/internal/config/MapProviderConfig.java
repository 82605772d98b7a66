package io.queryflux.core.internal.config;

import io.queryflux.spi.ProviderConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.queryflux.core.internal.config.ConfigProblems.child;
import static io.queryflux.core.internal.config.ConfigProblems.index;

/**
 * A {@link ProviderConfig} over a map read from YAML or built in code. It remembers which keys were
 * read so that {@link #reportUnknownKeys()} can flag the rest.
 */
public final class MapProviderConfig
        implements ProviderConfig
{
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private final String path;
    private final Map<String, Object> values;
    private final ConfigProblems problems;
    private final Set<String> readKeys = new HashSet<>();
    private final List<MapProviderConfig> children = new ArrayList<>();

    public MapProviderConfig(String path, Map<String, ?> values, ConfigProblems problems)
    {
        this.path = path;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.problems = problems;
    }

    /** Marks keys that the caller (not the factory) handles, such as {@code name} or {@code type}. */
    public MapProviderConfig consumed(String... keys)
    {
        readKeys.addAll(List.of(keys));
        return this;
    }

    /** Reports every key of this entry and its nested entries that nobody read. */
    public void reportUnknownKeys()
    {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(readKeys);
        unknown.forEach(key -> problems.add(child(path, key), "is not a known key"));
        children.forEach(MapProviderConfig::reportUnknownKeys);
    }

    @Override
    public String path()
    {
        return path;
    }

    @Override
    public boolean has(String key)
    {
        readKeys.add(key);
        return values.get(key) != null;
    }

    @Override
    public Set<String> keys()
    {
        return values.keySet();
    }

    @Override
    public Optional<String> string(String key)
    {
        Object value = read(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(child(path, key), "must be a string");
            return Optional.empty();
        }
        return Optional.of(value.toString());
    }

    @Override
    public String requiredString(String key)
    {
        Optional<String> value = string(key);
        if (value.isEmpty() || value.get().isBlank()) {
            if (!(values.get(key) instanceof Map) && !(values.get(key) instanceof List)) {
                problems.add(child(path, key), "is required");
            }
            return null;
        }
        return value.get();
    }

    @Override
    public int integer(String key, int fallback)
    {
        long value = longValue(key, fallback);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            problems.add(child(path, key), "is out of range");
            return fallback;
        }
        return (int) value;
    }

    @Override
    public long longValue(String key, long fallback)
    {
        Object value = read(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            }
            catch (NumberFormatException ignored) {
                // reported below
            }
        }
        problems.add(child(path, key), "must be an integer, not '" + value + "'");
        return fallback;
    }

    @Override
    public boolean bool(String key, boolean fallback)
    {
        Object value = read(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        problems.add(child(path, key), "must be true or false, not '" + value + "'");
        return fallback;
    }

    @Override
    public Duration duration(String key, Duration fallback)
    {
        Object value = read(key);
        if (value == null) {
            return fallback;
        }
        Optional<Duration> parsed = parseDuration(value);
        if (parsed.isEmpty()) {
            problems.add(child(path, key), "must be a duration such as 500ms, 30s, 5m or 1h, not '" + value + "'");
            return fallback;
        }
        return parsed.get();
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, or a plain number of milliseconds. */
    public static Optional<Duration> parseDuration(Object value)
    {
        if (value instanceof Duration duration) {
            return Optional.of(duration);
        }
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(Duration.ofMillis(((Number) value).longValue()));
        }
        Matcher matcher = DURATION.matcher(value.toString().trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 86_400_000;
        };
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    @Override
    public List<String> stringList(String key)
    {
        Object value = read(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(child(path, key), "must be a list");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (element == null || element instanceof Map || element instanceof List) {
                problems.add(index(child(path, key), i), "must be a string");
            }
            else {
                result.add(element.toString());
            }
        }
        return List.copyOf(result);
    }

    @Override
    public Map<String, String> stringMap(String key)
    {
        Object value = read(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(child(path, key), "must be a map");
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((entryKey, entryValue) -> {
            if (entryValue instanceof Map || entryValue instanceof List) {
                problems.add(child(child(path, key), String.valueOf(entryKey)), "must be a string");
            }
            else {
                result.put(String.valueOf(entryKey), entryValue == null ? null : entryValue.toString());
            }
        });
        return Collections.unmodifiableMap(result);
    }

    @Override
    public List<ProviderConfig> list(String key)
    {
        Object value = read(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(child(path, key), "must be a list");
            return List.of();
        }
        List<ProviderConfig> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> map) {
                result.add(nested(index(child(path, key), i), map));
            }
            else {
                problems.add(index(child(path, key), i), "must be a map");
            }
        }
        return List.copyOf(result);
    }

    @Override
    public Optional<ProviderConfig> object(String key)
    {
        Object value = read(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(child(path, key), "must be a map");
            return Optional.empty();
        }
        return Optional.of(nested(child(path, key), map));
    }

    @Override
    public void problem(String key, String message)
    {
        problems.add(key == null || key.isEmpty() ? path : child(path, key), message);
    }

    private MapProviderConfig nested(String nestedPath, Map<?, ?> map)
    {
        Map<String, Object> converted = new LinkedHashMap<>();
        map.forEach((key, value) -> converted.put(String.valueOf(key), value));
        MapProviderConfig nested = new MapProviderConfig(nestedPath, converted, problems);
        children.add(nested);
        return nested;
    }

    private Object read(String key)
    {
        readKeys.add(key);
        return values.get(key);
    }
}
