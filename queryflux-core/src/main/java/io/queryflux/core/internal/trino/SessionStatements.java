package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.routing.ParsedTags;
import io.queryflux.core.internal.routing.TagParser;
import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.TrinoType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements the Trino frontend answers itself: {@code SET SESSION query_tags = '...'} sets the
 * session's query tags on the client (through {@code X-Trino-Set-Session}) and never reaches an
 * engine, which would not know the property.
 */
final class SessionStatements
{
    private static final Pattern SET_QUERY_TAGS = Pattern.compile(
            "(?is)\\s*SET\\s+SESSION\\s+(query_tags?)\\s*=\\s*'((?:[^']|'')*)'\\s*;?\\s*");
    private static final Pattern RESET_QUERY_TAGS = Pattern.compile("(?is)\\s*RESET\\s+SESSION\\s+query_tags?\\s*;?\\s*");
    static final List<Column> RESULT_COLUMNS = List.of(new Column("result", TrinoType.BOOLEAN));

    private SessionStatements() {}

    /** The tags a {@code SET SESSION query_tags} statement sets, or empty for any other statement. */
    static Optional<String> queryTagsValue(String sql)
    {
        Matcher matcher = SET_QUERY_TAGS.matcher(sql);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(2).replace("''", "'"));
    }

    /** Whether the statement is {@code RESET SESSION query_tags}, which clears the tags on the client. */
    static boolean isResetQueryTags(String sql)
    {
        return RESET_QUERY_TAGS.matcher(sql).matches();
    }

    /**
     * Validates the tags and returns the {@code X-Trino-Set-Session} header value. Invalid entries are
     * rejected as a whole: a user who sets tags wants to know they did not take.
     */
    static String setSessionHeader(String value, String user)
    {
        if (user == null) {
            throw new QueryFluxException(ErrorCode.PERMISSION_DENIED, "SET SESSION query_tags requires an authenticated user");
        }
        ParsedTags parsed = TagParser.parse(value);
        if (!parsed.warnings().isEmpty()) {
            throw new QueryFluxException(ErrorCode.INVALID_SESSION_PROPERTY, "Invalid query_tags: " + String.join("; ", parsed.warnings()));
        }
        return QueryTags.SESSION_PROPERTY + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
