/**
 * The standalone QueryFlux server and examples of using QueryFlux:
 *
 * <ul>
 * <li>{@link io.queryflux.examples.QueryFluxMain}: the main class of {@code queryflux-server.jar},
 *     on a YAML config or the bundled in-memory DuckDB demo;
 * <li>{@link io.queryflux.examples.embedded.HostApplication}: QueryFlux inside an application's own
 *     Jetty server, configured in code;
 * <li>{@link io.queryflux.examples.router.ReadOnlyRouterFactory}: a custom router plugged in through
 *     the SPI;
 * <li>{@link io.queryflux.examples.PasswordHash}: prints a password hash for the {@code static} auth provider.
 * </ul>
 */
package io.queryflux.examples;
