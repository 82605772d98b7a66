package io.queryflux.core.config;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.YamlConfigReader;

import java.nio.file.Path;

/**
 * Reads a {@link QueryFluxConfig} from YAML; the layout is shown on {@link QueryFluxConfig}.
 *
 * <p>String values may refer to environment variables as {@code ${NAME}} or
 * {@code ${NAME:-default}}, e.g. {@code password: ${DB_PASSWORD}}; write <code>$${</code> for a literal
 * <code>${</code>. Durations are written as {@code 500ms}, {@code 30s}, {@code 5m} or {@code 1h}.
 *
 * <p>Both methods check the structure (known keys, types, names, limits, references) and throw one
 * {@link io.queryflux.spi.QueryFluxException} with {@code CONFIGURATION_INVALID} that lists every
 * problem with its path. The settings of frontends, routers and engines are checked when the engine
 * is built, by their factories.
 */
public final class ConfigLoader
{
    private ConfigLoader() {}

    public static QueryFluxConfig load(Path yamlFile)
    {
        ConfigProblems problems = new ConfigProblems();
        QueryFluxConfig config = YamlConfigReader.load(yamlFile, problems);
        problems.throwIfAny();
        return config;
    }

    public static QueryFluxConfig parse(String yaml)
    {
        ConfigProblems problems = new ConfigProblems();
        QueryFluxConfig config = YamlConfigReader.parse(yaml, problems);
        problems.throwIfAny();
        return config;
    }
}
