package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.routing.ParsedTags;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.SessionContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a Trino client sends with {@code POST /v1/statement}: the SQL, the credentials and
 * the session headers ({@code X-Trino-*}, or {@code X-Presto-*} from old clients).
 */
final class TrinoRequestReader
{
    // Credentials travel in Credentials, never in the headers routers and logs can see.
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "x-trino-extra-credential", "x-presto-extra-credential");

    private TrinoRequestReader() {}

    static String sql(HttpExchange exchange, int maxBytes)
    {
        byte[] body;
        try (InputStream in = exchange.requestBody()) {
            body = in.readNBytes(maxBytes + 1);
        }
        catch (IOException e) {
            throw new QueryFluxException(ErrorCode.INVALID_REQUEST, "Cannot read the request body: " + e.getMessage(), e);
        }
        if (body.length > maxBytes) {
            throw new QueryFluxException(ErrorCode.QUERY_TEXT_TOO_LARGE, "SQL text is larger than " + maxBytes + " bytes");
        }
        String sql = new String(body, StandardCharsets.UTF_8);
        if (sql.isBlank()) {
            throw new QueryFluxException(ErrorCode.INVALID_REQUEST, "SQL statement is empty");
        }
        return sql;
    }

    /**
     * Credentials in the seed's order: {@code Authorization: Basic}, then {@code Bearer}, then
     * {@code X-Trino-User}. Next to Basic or Bearer, {@code X-Trino-User} is the user the client asks
     * to run as; the client's address comes along for login throttling.
     */
    static Credentials credentials(HttpExchange exchange)
    {
        String address = exchange.remoteAddress().orElse(null);
        Optional<String> sessionUser = trinoHeader(exchange, "User");
        Optional<String> authorization = exchange.header("Authorization");
        if (authorization.isPresent()) {
            String value = authorization.get().trim();
            if (startsWithIgnoreCase(value, "Basic ")) {
                return basic(value.substring(6).trim()).withSessionUser(sessionUser.orElse(null)).withRemoteAddress(address);
            }
            if (startsWithIgnoreCase(value, "Bearer ")) {
                return Credentials.bearer(value.substring(7).trim()).withSessionUser(sessionUser.orElse(null)).withRemoteAddress(address);
            }
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Unsupported Authorization scheme");
        }
        return sessionUser.map(Credentials::user).orElse(Credentials.none()).withRemoteAddress(address);
    }

    static SessionContext session(HttpExchange exchange, Credentials credentials)
    {
        return sessionWithWarnings(exchange, credentials).context();
    }

    /** The session, and a warning for every query tag that had to be dropped. */
    static TrinoSession sessionWithWarnings(HttpExchange exchange, Credentials credentials)
    {
        Map<String, String> extra = new LinkedHashMap<>();
        exchange.headers().forEach((name, values) -> {
            if (!SECRET_HEADERS.contains(name)) {
                extra.put(name, String.join(",", values));
            }
        });
        ParsedTags tags = QueryTags.fromHeaders(trinoHeaders(exchange, "Client-Tags"), trinoHeaders(exchange, "Session"));
        SessionContext context = new SessionContext(
                SessionContext.TRINO_HTTP,
                credentials.user(),
                trinoHeader(exchange, "Catalog").orElse(null),
                tags.tags(),
                extra);
        return new TrinoSession(context, tags.warnings());
    }

    record TrinoSession(SessionContext context, List<String> warnings) {}

    private static Credentials basic(String encoded)
    {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Malformed Basic credentials");
        }
        return Credentials.basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static Optional<String> trinoHeader(HttpExchange exchange, String suffix)
    {
        return exchange.header("X-Trino-" + suffix).or(() -> exchange.header("X-Presto-" + suffix)).filter(value -> !value.isBlank());
    }

    private static List<String> trinoHeaders(HttpExchange exchange, String suffix)
    {
        List<String> values = exchange.headers("X-Trino-" + suffix);
        return values.isEmpty() ? exchange.headers("X-Presto-" + suffix) : values;
    }

    private static boolean startsWithIgnoreCase(String value, String prefix)
    {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static String urlDecode(String value)
    {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
