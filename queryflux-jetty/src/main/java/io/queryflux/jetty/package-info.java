/**
 * Serves QueryFlux over HTTP with Jetty 12 and jakarta servlet 6.
 *
 * <ul>
 * <li>{@link io.queryflux.jetty.QueryFluxServlet}: mount QueryFlux in your own servlet container, under
 *     any path prefix;
 * <li>{@link io.queryflux.jetty.QueryFluxServer}: a standalone server with a graceful stop.
 * </ul>
 */
package io.queryflux.jetty;
