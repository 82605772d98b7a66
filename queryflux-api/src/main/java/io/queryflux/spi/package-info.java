/**
 * The QueryFlux service-provider interfaces.
 *
 * <p>QueryFlux sits between SQL clients and query engines. Four kinds of plugin extend it, each
 * created by a factory that is found with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/<factory interface>}) or registered on the builder, where explicit
 * registration wins. Config selects a factory by its {@code name()}:
 * <ul>
 * <li>{@link io.queryflux.spi.FrontendFactory} / {@link io.queryflux.spi.Frontend}: a client protocol
 *     over HTTP; selected by its key under {@code queryflux.frontends};
 * <li>{@link io.queryflux.spi.RouterFactory} / {@link io.queryflux.spi.Router}: picks the cluster group
 *     for a query; selected by {@code type} in {@code routers};
 * <li>{@link io.queryflux.spi.BackendFactory} / {@link io.queryflux.spi.Backend}: runs queries on an
 *     engine and pushes rows into a {@link io.queryflux.spi.ResultSink}; selected by {@code engine} on a
 *     cluster group;
 * <li>{@link io.queryflux.spi.AuthProviderFactory} / {@link io.queryflux.spi.AuthProvider}: turns a client's
 *     {@link io.queryflux.spi.Credentials} into a {@link io.queryflux.spi.Principal}; selected by
 *     {@code auth.provider}.
 * </ul>
 *
 * <p>A host application may also register {@link io.queryflux.spi.Authorizer}s on the builder: its own
 * policy on which principal may use which cluster group, and who is an operator.
 *
 * <p>Errors are reported with {@link io.queryflux.spi.QueryFluxException}, whose
 * {@link io.queryflux.spi.ErrorCode} maps to Trino's {@code errorName}/{@code errorType} and to an
 * HTTP status. This module has no dependencies.
 */
package io.queryflux.spi;
