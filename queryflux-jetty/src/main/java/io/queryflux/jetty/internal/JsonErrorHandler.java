package io.queryflux.jetty.internal;

import io.queryflux.core.internal.trino.ErrorResponses;
import io.queryflux.spi.QueryFluxException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Answers errors that Jetty produces itself (a malformed or ambiguous URI, headers too large) with a
 * Trino-shaped JSON document instead of an HTML page.
 */
public final class JsonErrorHandler
        extends ErrorHandler
{
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
    {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json(code, message, baseUri(request))), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields)
    {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(json(status, reason, ""));
    }

    private static byte[] json(int code, String message, String baseUri)
    {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        return ErrorResponses.json(new QueryFluxException(ErrorResponses.codeForStatus(code), "HTTP " + code + ": " + text), null, baseUri);
    }

    private static String baseUri(Request request)
    {
        // A request rejected before its URI was parsed has neither scheme nor authority.
        String scheme = request.getHttpURI().getScheme();
        String authority = request.getHttpURI().getAuthority();
        return scheme == null || authority == null ? "" : scheme + "://" + authority;
    }
}
