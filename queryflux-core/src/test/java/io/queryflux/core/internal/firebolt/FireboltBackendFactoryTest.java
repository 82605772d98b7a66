package io.queryflux.core.internal.firebolt;

import io.queryflux.core.internal.config.ConfigProblems;
import io.queryflux.core.internal.config.MapProviderConfig;
import io.queryflux.spi.Backend;
import io.queryflux.spi.BackendContext;
import io.queryflux.spi.BackendFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class FireboltBackendFactoryTest
{
    @Test
    void isFoundByItsEngineName()
    {
        assertThat(ServiceLoader.load(BackendFactory.class).stream().map(ServiceLoader.Provider::get).map(BackendFactory::name))
                .contains("firebolt");
    }

    @Test
    void acceptsEveryKey()
    {
        ConfigProblems problems = new ConfigProblems();
        Backend backend = create(Map.of(
                "endpoint", "http://firebolt-core",
                "database", "analytics",
                "queryLabel", "qf-",
                "connectTimeout", "2s",
                "requestTimeout", "1m",
                "writeWaitTimeout", "30s",
                "transactionIdleTimeout", "10m",
                "followEndpoints", List.of("http://firebolt-core-2:3473")), problems);

        assertThat(problems.list()).isEmpty();
        assertThat(backend).isNotNull();
        backend.close();
    }

    @Test
    void reportsEveryProblem()
    {
        ConfigProblems problems = new ConfigProblems();
        Backend backend = create(Map.of(
                "endpoint", "firebolt-core:3473",
                "writeWaitTimeout", "0s",
                "followEndpoints", List.of("ftp://elsewhere"),
                "colour", "blue"), problems);

        assertThat(backend).isNull();
        assertThat(String.join("\n", problems.list()))
                .contains("clusters[0].endpoint")
                .contains("clusters[0].writeWaitTimeout")
                .contains("clusters[0].followEndpoints[0]")
                .contains("clusters[0].colour");
    }

    @Test
    void requiresTheEndpoint()
    {
        ConfigProblems problems = new ConfigProblems();

        assertThat(create(Map.of(), problems)).isNull();
        assertThat(String.join("\n", problems.list())).contains("clusters[0].endpoint");
    }

    private static Backend create(Map<String, ?> config, ConfigProblems problems)
    {
        MapProviderConfig providerConfig = new MapProviderConfig("clusters[0]", config, problems);
        Backend backend = new FireboltBackendFactory().create(providerConfig, new BackendContext("group", "firebolt-1", 4));
        providerConfig.reportUnknownKeys();
        return backend;
    }
}
