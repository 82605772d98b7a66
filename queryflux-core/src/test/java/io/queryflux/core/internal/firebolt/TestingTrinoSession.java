package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.SessionChange;
import io.queryflux.spi.SessionContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The session of a Trino client, as a unit test plays the client: it applies the
 * {@link SessionChange}s of one query and sends the result with the next one, the way trino-jdbc
 * turns X-Trino-Set-Catalog, X-Trino-Set-Session, X-Trino-Started-Transaction-Id... into the
 * X-Trino-Catalog, X-Trino-Session and X-Trino-Transaction-Id of its next request.
 */
final class TestingTrinoSession
{
    private String catalog;
    private String transactionId;
    private final Map<String, String> properties = new LinkedHashMap<>();

    TestingTrinoSession catalog(String catalog)
    {
        this.catalog = catalog;
        return this;
    }

    TestingTrinoSession transactionId(String transactionId)
    {
        this.transactionId = transactionId;
        return this;
    }

    TestingTrinoSession property(String name, String value)
    {
        properties.put(name, value);
        return this;
    }

    String catalog()
    {
        return catalog;
    }

    String transactionId()
    {
        return transactionId;
    }

    Map<String, String> properties()
    {
        return Map.copyOf(properties);
    }

    void apply(List<SessionChange> changes)
    {
        for (SessionChange change : changes) {
            switch (change.kind()) {
                case SET_CATALOG -> catalog = change.value();
                case SET_SCHEMA -> { }
                case SET_PROPERTY -> properties.put(change.name(), change.value());
                case CLEAR_PROPERTY -> properties.remove(change.name());
                case STARTED_TRANSACTION -> transactionId = change.value();
                case CLEAR_TRANSACTION -> transactionId = null;
            }
        }
    }

    SessionContext context()
    {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Trino-User", "test");
        headers.put("X-Trino-Transaction-Id", transactionId == null ? "NONE" : transactionId);
        if (!properties.isEmpty()) {
            headers.put("X-Trino-Session", properties.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining(",")));
        }
        if (catalog != null) {
            headers.put("X-Trino-Catalog", catalog);
        }
        // The frontend reads a blank catalog as none.
        return new SessionContext(SessionContext.TRINO_HTTP, "test", catalog == null || catalog.isBlank() ? null : catalog, Map.of(), headers);
    }
}
