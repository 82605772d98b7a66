package io.queryflux.core.internal.firebolt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.ResultSink;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs one statement's HTTP exchange with Firebolt on the calling thread: sends the request, hands a
 * 2xx answer's headers to the session (Firebolt's clients apply its session headers only on 2xx), then
 * streams the body into the sink. A non-2xx answer, errors in the body, a dropped connection and a
 * cancel all end as a {@link QueryFluxException}; the connection is closed on every path.
 */
final class FireboltExchange
{
    private final String clusterName;
    private final HttpClient client;
    private final UnaryOperator<InputStream> bodyTap;

    /** @param bodyTap wraps every response body, for tests that watch how far the proxy has read */
    FireboltExchange(String clusterName, HttpClient client, UnaryOperator<InputStream> bodyTap)
    {
        this.clusterName = clusterName;
        this.client = client;
        this.bodyTap = bodyTap;
    }

    void run(HttpRequest request, FireboltStatement statement, Consumer<HttpHeaders> sessionHeaders, ResultSink sink, Cancellation cancellation)
    {
        FireboltHttpCall call = FireboltHttpCall.start(clusterName, client, request, cancellation);
        try (call) {
            HttpResponse<InputStream> response = call.response();
            InputStream body = bodyTap.apply(response.body());
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                throw new FireboltRefusal(FireboltErrors.toException(FireboltErrorResponse.read(body), status, statement, clusterName));
            }
            sessionHeaders.accept(response.headers());
            try (JsonParser parser = FireboltJson.parser(body)) {
                new FireboltResultReader(parser, sink, cancellation, statement, clusterName).read();
            }
        }
        catch (IOException e) {
            throw failure(e, call.aborted() || cancellation.isCancelled());
        }
    }

    private QueryFluxException failure(IOException e, boolean canceled)
    {
        if (canceled) {
            return new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled", e);
        }
        if (e instanceof JsonEOFException) {
            return new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Firebolt cluster " + clusterName + " stopped sending the result in the middle of a message", e);
        }
        if (e instanceof StreamReadException malformed) {
            return new QueryFluxException(ErrorCode.BACKEND_ERROR, "Firebolt cluster " + clusterName + " sent malformed JSON: " + malformed.getOriginalMessage(), e);
        }
        return new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Lost the connection to Firebolt cluster " + clusterName + " while reading the result: "
                + FireboltHttpCall.describe(e), e);
    }
}
