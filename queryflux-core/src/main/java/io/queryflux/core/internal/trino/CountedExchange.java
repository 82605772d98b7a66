package io.queryflux.core.internal.trino;

import io.queryflux.spi.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exchange that runs a callback once when it completes, so that in-flight requests can be counted
 * however and on whichever thread they end.
 */
final class CountedExchange
        implements HttpExchange
{
    private final HttpExchange delegate;
    private final Runnable onComplete;
    private final AtomicBoolean completed = new AtomicBoolean();

    CountedExchange(HttpExchange delegate, Runnable onComplete)
    {
        this.delegate = delegate;
        this.onComplete = onComplete;
    }

    @Override
    public void complete()
    {
        if (completed.compareAndSet(false, true)) {
            try {
                delegate.complete();
            }
            finally {
                onComplete.run();
            }
        }
    }

    @Override
    public boolean tryReset()
    {
        return delegate.tryReset();
    }

    @Override
    public void abort()
    {
        if (completed.compareAndSet(false, true)) {
            try {
                delegate.abort();
            }
            finally {
                onComplete.run();
            }
        }
    }

    @Override
    public String method()
    {
        return delegate.method();
    }

    @Override
    public String path()
    {
        return delegate.path();
    }

    @Override
    public Optional<String> queryParameter(String name)
    {
        return delegate.queryParameter(name);
    }

    @Override
    public Optional<String> rawQuery()
    {
        return delegate.rawQuery();
    }

    @Override
    public Optional<String> header(String name)
    {
        return delegate.header(name);
    }

    @Override
    public List<String> headers(String name)
    {
        return delegate.headers(name);
    }

    @Override
    public Map<String, List<String>> headers()
    {
        return delegate.headers();
    }

    @Override
    public boolean isSecure()
    {
        return delegate.isSecure();
    }

    @Override
    public Optional<String> remoteAddress()
    {
        return delegate.remoteAddress();
    }

    @Override
    public String baseUri()
    {
        return delegate.baseUri();
    }

    @Override
    public InputStream requestBody()
            throws IOException
    {
        return delegate.requestBody();
    }

    @Override
    public void setStatus(int status)
    {
        delegate.setStatus(status);
    }

    @Override
    public void setHeader(String name, String value)
    {
        delegate.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value)
    {
        delegate.addHeader(name, value);
    }

    @Override
    public OutputStream responseBody()
            throws IOException
    {
        return delegate.responseBody();
    }
}
