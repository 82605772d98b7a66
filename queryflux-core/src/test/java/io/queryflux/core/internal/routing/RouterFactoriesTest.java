package io.queryflux.core.internal.routing;

import io.queryflux.spi.RouterFactory;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class RouterFactoriesTest
{
    @Test
    void serviceLoaderFindsEveryBuiltInRouter()
    {
        assertThat(ServiceLoader.load(RouterFactory.class).stream().map(provider -> provider.get().name()))
                .contains("protocolBased", "header", "userGroup", "queryRegex", "tags", "compound");
    }
}
