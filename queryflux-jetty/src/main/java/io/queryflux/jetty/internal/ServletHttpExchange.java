package io.queryflux.jetty.internal;

import io.queryflux.spi.HttpExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A jakarta servlet request in async mode, seen as an {@link HttpExchange}.
 */
public final class ServletHttpExchange
        implements HttpExchange
{
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final String path;
    private final AtomicBoolean completed = new AtomicBoolean();
    private Map<String, List<String>> headers;
    private String baseUri;

    public ServletHttpExchange(HttpServletRequest request, HttpServletResponse response, AsyncContext async)
    {
        this.request = request;
        this.response = response;
        this.async = async;
        // The raw path below the mount point: decoding is the frontend's call, so that an encoded
        // traversal is still visible to it.
        String uri = request.getRequestURI();
        String prefix = request.getContextPath() + request.getServletPath();
        String rest = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
        this.path = rest.isEmpty() ? "/" : rest;
    }

    @Override
    public String method()
    {
        return request.getMethod();
    }

    @Override
    public String path()
    {
        return path;
    }

    @Override
    public Optional<String> queryParameter(String name)
    {
        // Parsed by hand: getParameter() would consume a form-encoded body (curl -d sends one).
        String query = request.getQueryString();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> rawQuery()
    {
        return Optional.ofNullable(request.getQueryString());
    }

    @Override
    public Optional<String> header(String name)
    {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public List<String> headers(String name)
    {
        return Collections.list(request.getHeaders(name));
    }

    @Override
    public Map<String, List<String>> headers()
    {
        if (headers == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                all.computeIfAbsent(name.toLowerCase(Locale.ROOT), ignored -> new java.util.ArrayList<>()).addAll(Collections.list(request.getHeaders(name)));
            }
            headers = Collections.unmodifiableMap(all);
        }
        return headers;
    }

    @Override
    public boolean isSecure()
    {
        return request.isSecure();
    }

    @Override
    public Optional<String> remoteAddress()
    {
        return Optional.ofNullable(request.getRemoteAddr());
    }

    @Override
    public String baseUri()
    {
        if (baseUri == null) {
            baseUri = computeBaseUri();
        }
        return baseUri;
    }

    private String computeBaseUri()
    {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = request.getServerPort();
        boolean defaultPort = (port == 80 && request.getScheme().equals("http")) || (port == 443 && request.getScheme().equals("https"));
        return request.getScheme() + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath() + request.getServletPath();
    }

    @Override
    public InputStream requestBody()
            throws IOException
    {
        return request.getInputStream();
    }

    @Override
    public void setStatus(int status)
    {
        response.setStatus(status);
    }

    @Override
    public void setHeader(String name, String value)
    {
        response.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value)
    {
        response.addHeader(name, value);
    }

    @Override
    public OutputStream responseBody()
            throws IOException
    {
        return response.getOutputStream();
    }

    @Override
    public void complete()
    {
        if (completed.compareAndSet(false, true)) {
            async.complete();
        }
    }

    @Override
    public boolean tryReset()
    {
        if (response.isCommitted()) {
            return false;
        }
        response.reset();
        return true;
    }

    @Override
    public void abort()
    {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(request);
        if (jettyRequest == null) {
            async.complete();
            return;
        }
        jettyRequest.getServletChannel().abort(new IOException("Response cut short: the engine failed mid-page"));
    }
}
