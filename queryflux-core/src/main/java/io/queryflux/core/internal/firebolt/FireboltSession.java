package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.SessionContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Firebolt's session state as a Trino client carries it between queries. Firebolt is stateless: its
 * clients keep the session and send it as query parameters. Through QueryFlux the Trino client keeps it:
 * the database is the client's catalog ({@code X-Trino-Catalog}), a transaction is the client's
 * transaction id ({@code X-Trino-Transaction-Id}, whose Firebolt state the proxy keeps), any other
 * Firebolt parameter is the session property {@code firebolt.<name>} ({@code X-Trino-Session}), and an
 * endpoint Firebolt moved the session to is the session property {@value #ENDPOINT_PROPERTY}.
 *
 * @param catalog the client's current catalog, or {@code null}
 * @param transactionId the client's transaction, or {@code null}
 * @param parameters Firebolt parameters from {@code firebolt.*} session properties, reserved ones left out
 * @param endpoint the endpoint Firebolt moved the session to, or {@code null}
 * @param propertyNames the names of the client's {@code firebolt.*} session properties
 */
record FireboltSession(String catalog, String transactionId, Map<String, String> parameters, String endpoint, Set<String> propertyNames)
{
    static final String PROPERTY_PREFIX = "firebolt.";
    static final String ENDPOINT_PROPERTY = "firebolt_endpoint";
    static final String TRANSACTION_HEADER = "x-trino-transaction-id";
    static final String SESSION_HEADER = "x-trino-session";
    // Parameters only the proxy sets: a client that could set them would step around the write turn
    // (transactions), or break how results are read (formats, compression).
    static final Set<String> RESERVED_PARAMETERS = Set.of("database", "transaction_id", "transaction_sequence_id", "output_format", "query_label", "compress");

    static FireboltSession of(SessionContext session)
    {
        String catalog = session.database() == null || session.database().isBlank() ? null : session.database();
        String transaction = session.header(TRANSACTION_HEADER).map(String::strip).orElse("");
        Map<String, String> properties = properties(session.header(SESSION_HEADER).orElse(""));
        Map<String, String> parameters = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(PROPERTY_PREFIX)) {
                String parameter = name.substring(PROPERTY_PREFIX.length());
                if (!parameter.isEmpty() && !RESERVED_PARAMETERS.contains(parameter.toLowerCase(Locale.ROOT))) {
                    parameters.put(parameter, value);
                }
            }
        });
        Set<String> propertyNames = properties.keySet().stream()
                .filter(name -> name.startsWith(PROPERTY_PREFIX))
                .collect(Collectors.toUnmodifiableSet());
        return new FireboltSession(
                catalog,
                transaction.isEmpty() || transaction.equalsIgnoreCase("NONE") ? null : transaction,
                Collections.unmodifiableMap(parameters),
                properties.get(ENDPOINT_PROPERTY),
                propertyNames);
    }

    /** {@code X-Trino-Session}: {@code name=urlencoded(value)} entries, comma-joined when repeated. */
    private static Map<String, String> properties(String header)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : header.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = entry.substring(0, equals).strip();
            try {
                properties.put(name, URLDecoder.decode(entry.substring(equals + 1).strip(), StandardCharsets.UTF_8));
            }
            catch (IllegalArgumentException e) {
                // A malformed escape: the property is not one the proxy set, so it is not forwarded.
            }
        }
        return properties;
    }
}
