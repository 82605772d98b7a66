package io.queryflux.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code queryflux.frontends}.
 *
 * @param name the key, which is also the frontend factory's name (e.g. {@code trinoHttp})
 * @param enabled whether the frontend serves requests
 * @param port the port the standalone server listens on for it
 * @param properties the frontend's own settings, validated by its factory
 * @param tls whether the standalone server serves it over HTTPS, from {@code tls}
 */
public record FrontendConfig(String name, boolean enabled, int port, Map<String, Object> properties, TlsConfig tls)
{
    public static final int DEFAULT_TRINO_HTTP_PORT = 8080;

    public FrontendConfig
    {
        Objects.requireNonNull(name, "name is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        tls = Objects.requireNonNullElse(tls, TlsConfig.disabled());
    }

    /** A frontend served over plain HTTP. */
    public FrontendConfig(String name, boolean enabled, int port, Map<String, Object> properties)
    {
        this(name, enabled, port, properties, TlsConfig.disabled());
    }
}
