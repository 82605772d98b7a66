package io.queryflux.core.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The factories of one kind (routers, backends, frontends) by name: those found with
 * {@link ServiceLoader}, overridden by those registered explicitly. A provider that fails to load is
 * logged with its class name and skipped; the others still load.
 */
public final class ProviderRegistry<F>
{
    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    private final String kind;
    private final Map<String, F> factories;
    private final List<String> loadFailures;

    private ProviderRegistry(String kind, Map<String, F> factories, List<String> loadFailures)
    {
        this.kind = kind;
        this.factories = Collections.unmodifiableMap(factories);
        this.loadFailures = List.copyOf(loadFailures);
    }

    /**
     * Discovers {@code type} providers on {@code classLoader}, then applies {@code explicit} on top.
     */
    public static <F> ProviderRegistry<F> discover(Class<F> type, ClassLoader classLoader, List<F> explicit, Function<F, String> nameOf)
    {
        Map<String, F> factories = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Iterator<F> iterator = ServiceLoader.load(type, classLoader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                F factory = iterator.next();
                factories.putIfAbsent(nameOf.apply(factory), factory);
            }
            catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                // The message names the provider class; the loader moves on to the next entry.
                String failure = e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
                log.warn("Skipping a {} provider that failed to load: {}", type.getSimpleName(), failure);
                failures.add(failure);
            }
        }
        for (F factory : explicit) {
            factories.put(nameOf.apply(factory), factory);
        }
        return new ProviderRegistry<>(type.getSimpleName(), factories, failures);
    }

    public Optional<F> get(String name)
    {
        return Optional.ofNullable(factories.get(name));
    }

    public List<String> names()
    {
        return List.copyOf(factories.keySet());
    }

    /** Why providers were skipped, one line each, naming the provider class. */
    public List<String> loadFailures()
    {
        return loadFailures;
    }

    /** The problem to report for an unknown name, listing what is available. */
    public String unknownMessage(String name)
    {
        return "'" + name + "' is not a known " + kind + " (available: " + String.join(", ", factories.keySet()) + ")";
    }
}
