package io.queryflux.jetty.internal;

import io.queryflux.core.config.TlsConfig;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The standalone server's listener: plain HTTP, or HTTPS from a keystore when {@code tls} is enabled.
 * Trino clients refuse to send a password or token over plain HTTP, so a server that checks passwords
 * needs HTTPS here or in front of it.
 */
public final class Connectors
{
    private Connectors() {}

    public static ServerConnector create(Server server, HttpConfiguration http, TlsConfig tls)
    {
        if (!tls.enabled()) {
            return new ServerConnector(server, new HttpConnectionFactory(http));
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystorePath());
        ssl.setKeyStorePassword(tls.keystorePassword());
        ssl.setKeyStoreType(tls.keystoreType());
        HttpConfiguration https = new HttpConfiguration(http);
        // Marks requests secure (request.isSecure(), the https scheme in handed-out URIs).
        https.addCustomizer(new SecureRequestCustomizer());
        return new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
    }
}
