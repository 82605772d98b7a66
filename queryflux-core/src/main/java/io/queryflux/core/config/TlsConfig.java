package io.queryflux.core.config;

/**
 * HTTPS for the standalone server's listener, from {@code queryflux.frontends.<name>.tls}. Plain
 * HTTP is the default; a host that embeds the servlet configures TLS on its own connector instead.
 *
 * <pre>{@code
 * tls:
 *   enabled: true                       # the default once a tls entry is present
 *   keystorePath: /etc/queryflux/keystore.p12
 *   keystorePassword: ${KEYSTORE_PASSWORD}
 *   keystoreType: PKCS12                # the default
 * }</pre>
 *
 * {@link #toString()} never shows the password.
 *
 * @param enabled whether the listener serves HTTPS instead of HTTP
 * @param keystorePath the keystore holding the server's key and certificate chain
 * @param keystorePassword the keystore's password, also used for the key
 * @param keystoreType the keystore's type, {@code PKCS12} unless said otherwise
 */
public record TlsConfig(boolean enabled, String keystorePath, String keystorePassword, String keystoreType)
{
    public static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";
    private static final TlsConfig DISABLED = new TlsConfig(false, null, null, DEFAULT_KEYSTORE_TYPE);

    public TlsConfig
    {
        if (keystoreType == null || keystoreType.isBlank()) {
            keystoreType = DEFAULT_KEYSTORE_TYPE;
        }
    }

    /** Plain HTTP. */
    public static TlsConfig disabled()
    {
        return DISABLED;
    }

    /** HTTPS from a PKCS12 keystore. */
    public static TlsConfig keystore(String keystorePath, String keystorePassword)
    {
        return new TlsConfig(true, keystorePath, keystorePassword, DEFAULT_KEYSTORE_TYPE);
    }

    @Override
    public String toString()
    {
        return enabled ? "TlsConfig[keystorePath=" + keystorePath + ", keystoreType=" + keystoreType + "]" : "TlsConfig[disabled]";
    }
}
