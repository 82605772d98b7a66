package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.Cancellation;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One HTTP exchange with Firebolt that a cancel aborts at any point: before the answer starts (the
 * pending future is cancelled, which aborts the request) or while its body streams (the body is
 * closed, which unblocks the reading thread and drops the connection).
 */
final class FireboltHttpCall
        implements AutoCloseable
{
    private final String clusterName;
    private final CompletableFuture<HttpResponse<InputStream>> future;
    private volatile boolean aborted;
    private volatile InputStream body;

    private FireboltHttpCall(String clusterName, CompletableFuture<HttpResponse<InputStream>> future)
    {
        this.clusterName = clusterName;
        this.future = future;
    }

    static FireboltHttpCall start(String clusterName, HttpClient client, HttpRequest request, Cancellation cancellation)
    {
        FireboltHttpCall call = new FireboltHttpCall(clusterName, client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
        cancellation.onCancel(call::abort);
        return call;
    }

    /** Waits for the status and headers; the body is read from the response afterwards. */
    HttpResponse<InputStream> response()
    {
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        }
        catch (CancellationException e) {
            throw canceled();
        }
        catch (ExecutionException e) {
            throw aborted ? canceled() : unreachable(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw canceled();
        }
        body = response.body();
        // A cancel that raced with the answer found no body to close.
        if (aborted) {
            closeQuietly(response.body());
            throw canceled();
        }
        return response;
    }

    void abort()
    {
        aborted = true;
        future.cancel(true);
        InputStream current = body;
        if (current != null) {
            closeQuietly(current);
        }
    }

    boolean aborted()
    {
        return aborted;
    }

    @Override
    public void close()
    {
        InputStream current = body;
        if (current != null) {
            closeQuietly(current);
        }
        else {
            future.cancel(true);
        }
    }

    private QueryFluxException unreachable(Throwable cause)
    {
        if (cause instanceof HttpConnectTimeoutException) {
            return new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Cannot connect to Firebolt cluster " + clusterName + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new QueryFluxException(ErrorCode.BACKEND_TIMEOUT, "Firebolt cluster " + clusterName + " did not start answering in time (requestTimeout)", cause);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return new QueryFluxException(ErrorCode.BACKEND_UNAVAILABLE, "Cannot reach Firebolt cluster " + clusterName + ": " + describe(cause), cause);
        }
        return new QueryFluxException(ErrorCode.BACKEND_ERROR, "Request to Firebolt cluster " + clusterName + " failed: " + describe(cause), cause);
    }

    static String describe(Throwable cause)
    {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    static QueryFluxException canceled()
    {
        return new QueryFluxException(ErrorCode.USER_CANCELED, "Query was canceled");
    }

    private static void closeQuietly(InputStream stream)
    {
        try {
            stream.close();
        }
        catch (IOException ignored) {
            // Closing only aborts the exchange.
        }
    }
}
