package io.queryflux.core.internal.trino;

import io.queryflux.core.internal.auth.AccessRefused;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.QueryFluxException;

import java.util.List;

/**
 * Answers a request that failed outside a query's pages: a Trino {@code QueryResults} document in
 * state FAILED, with the error code's HTTP status. Every client can read it; none sees HTML.
 */
public final class ErrorResponses
{
    private ErrorResponses() {}

    /** Sends {@code error} with its code's HTTP status. */
    public static void send(HttpExchange exchange, QueryFluxException error, String queryId)
    {
        send(exchange, error.errorCode().httpStatus(), error, queryId);
    }

    /** Sends {@code error} as a failed query with status 200, the way Trino reports query failures. */
    public static void sendAsFailedQuery(HttpExchange exchange, QueryFluxException error, String queryId)
    {
        send(exchange, 200, error, queryId);
    }

    /** Sends {@code error} with an explicit HTTP status, e.g. the one an engine answered with. */
    public static void send(HttpExchange exchange, int status, QueryFluxException error, String queryId)
    {
        if (error instanceof AccessRefused refused && !refused.challenges().isEmpty()) {
            refused.challenges().forEach(challenge -> exchange.addHeader("WWW-Authenticate", challenge));
        }
        else if (error.errorCode() == ErrorCode.AUTHENTICATION_FAILED) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"QueryFlux\"");
        }
        PollResponder.send(exchange, status, ResponseBody.of(json(error, queryId, exchange.baseUri())));
    }

    /** The JSON document for {@code error}, for servers that answer errors themselves (e.g. a bad URI). */
    public static byte[] json(QueryFluxException error, String queryId, String baseUri)
    {
        String id = queryId == null ? "none" : queryId;
        ResponseBody body = QueryResultsWriter.write(new QueryResultsWriter.QueryResults(
                id, TrinoUris.info(baseUri, id), null, null, null, "FAILED", 0, 0, 0, error, null, null, List.of()));
        return body.head();
    }

    /** The error code for an HTTP status a server produced on its own. */
    public static ErrorCode codeForStatus(int status)
    {
        return switch (status) {
            case 401 -> ErrorCode.AUTHENTICATION_FAILED;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.QUERY_TEXT_TOO_LARGE;
            case 503 -> ErrorCode.SERVER_OVERLOADED;
            default -> status >= 500 ? ErrorCode.GENERIC_INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }
}
