/**
 * The QueryFlux engine as a library.
 *
 * <p>{@link io.queryflux.core.QueryFlux} is a running QueryFlux: build it from a
 * {@link io.queryflux.core.config.QueryFluxConfig} (or a YAML file) with {@link io.queryflux.core.QueryFlux#builder()},
 * register any factories of your own on the builder, and hand every HTTP request to
 * {@link io.queryflux.core.QueryFlux#handle}; the {@code queryflux-jetty} module does that for a servlet
 * container. Everything under {@code io.queryflux.core.internal} is implementation and may change.
 */
package io.queryflux.core;
