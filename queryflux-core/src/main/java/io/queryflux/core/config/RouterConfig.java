package io.queryflux.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code routers}.
 *
 * @param type the router factory's name, e.g. {@code header}
 * @param properties the router's settings, validated by its factory
 */
public record RouterConfig(String type, Map<String, Object> properties)
{
    public RouterConfig
    {
        Objects.requireNonNull(type, "type is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
