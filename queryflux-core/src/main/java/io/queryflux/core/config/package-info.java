/**
 * The configuration: immutable records with builders, and {@link io.queryflux.core.config.ConfigLoader}
 * for YAML files in the layout of the original QueryFlux ({@code queryflux:}, {@code clusterGroups:},
 * {@code routers:}, {@code routingFallback:}, {@code auth:}). Building validates everything and reports
 * every problem at once, each with its config path; provider-specific keys (an engine's {@code url}, a
 * router's rules) are validated by their factories when {@link io.queryflux.core.QueryFlux} is built.
 */
package io.queryflux.core.config;
