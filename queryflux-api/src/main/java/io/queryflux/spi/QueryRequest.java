package io.queryflux.spi;

import java.util.Objects;

/**
 * A query as a backend receives it.
 *
 * @param queryId the id QueryFlux gave the query, in Trino's form
 * @param sql the SQL text, exactly as the client sent it
 * @param session the client's session
 */
public record QueryRequest(String queryId, String sql, SessionContext session)
{
    public QueryRequest
    {
        Objects.requireNonNull(queryId, "queryId is null");
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(session, "session is null");
    }
}
