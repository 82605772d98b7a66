package io.queryflux.core.internal.trino;

import io.queryflux.spi.HttpExchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A GET to one URI whose response is kept in memory, for tests that drive the frontend's classes
 * without a server.
 */
final class TestingHttpExchange
        implements HttpExchange
{
    private final String path;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    private final CountDownLatch completed = new CountDownLatch(1);
    private volatile int status;

    TestingHttpExchange(String path)
    {
        this.path = path;
    }

    @Override
    public String method()
    {
        return "GET";
    }

    @Override
    public String path()
    {
        return path;
    }

    @Override
    public Optional<String> queryParameter(String name)
    {
        return Optional.empty();
    }

    @Override
    public Optional<String> rawQuery()
    {
        return Optional.empty();
    }

    @Override
    public Optional<String> header(String name)
    {
        return Optional.empty();
    }

    @Override
    public List<String> headers(String name)
    {
        return List.of();
    }

    @Override
    public Map<String, List<String>> headers()
    {
        return Map.of();
    }

    @Override
    public boolean isSecure()
    {
        return false;
    }

    @Override
    public String baseUri()
    {
        return "http://localhost:8080";
    }

    @Override
    public InputStream requestBody()
    {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public void setStatus(int status)
    {
        this.status = status;
    }

    @Override
    public synchronized void setHeader(String name, String value)
    {
        responseHeaders.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
    }

    @Override
    public synchronized void addHeader(String name, String value)
    {
        responseHeaders.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(value);
    }

    @Override
    public OutputStream responseBody()
    {
        return body;
    }

    @Override
    public void complete()
    {
        if (completed.getCount() == 0) {
            throw new IllegalStateException("Completed twice");
        }
        completed.countDown();
    }

    boolean isCompleted()
    {
        return completed.getCount() == 0;
    }

    /** Waits (up to 10 s) for the response to be completed. */
    TestingHttpExchange awaitCompleted()
    {
        try {
            if (!completed.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("No response to " + path);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return this;
    }

    int status()
    {
        return status;
    }

    synchronized Optional<String> responseHeader(String name)
    {
        List<String> values = responseHeaders.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    byte[] body()
    {
        return body.toByteArray();
    }
}
