package io.queryflux.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a frontend knows about the client's session when a query arrives; routers decide on it.
 *
 * @param protocol the frontend protocol, e.g. {@link #TRINO_HTTP}
 * @param user the authenticated user, or {@code null} when the client sent none
 * @param database the client's current database (for Trino, the {@code X-Trino-Catalog} header), or {@code null}
 * @param tags the query tags; a key-only tag maps to {@code null}
 * @param extra the request headers, names lowercased, repeated values joined with a comma;
 *        credentials ({@code authorization}, {@code cookie}) are left out
 */
public record SessionContext(String protocol, String user, String database, Map<String, String> tags, Map<String, String> extra)
{
    public static final String TRINO_HTTP = "trinoHttp";

    public SessionContext
    {
        Objects.requireNonNull(protocol, "protocol is null");
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        Map<String, String> lowered = new LinkedHashMap<>();
        extra.forEach((name, value) -> lowered.put(name.toLowerCase(Locale.ROOT), value));
        extra = Collections.unmodifiableMap(lowered);
    }

    public Optional<String> userName()
    {
        return Optional.ofNullable(user);
    }

    /** A request header by name, in any case. */
    public Optional<String> header(String name)
    {
        return Optional.ofNullable(extra.get(name.toLowerCase(Locale.ROOT)));
    }
}
