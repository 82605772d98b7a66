package io.queryflux.examples.router;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.ConfigLoader;
import io.queryflux.core.testing.TestingBackendFactory;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadOnlyRouterFactoryTest
{
    @Test
    void validConfigBuilds()
    {
        try (QueryFlux queryFlux = build("""
                  - type: readOnly
                    targetGroup: replicas
                    denyWrites: true
                """)) {
            assertThat(queryFlux.config().routers()).hasSize(1);
        }
    }

    @Test
    void unknownTargetGroupIsAConfigProblemWithItsPath()
    {
        assertThatThrownBy(() -> build("""
                  - type: readOnly
                    targetGroup: replica
                """))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("routers[0].targetGroup must be one of the cluster groups [primary, replicas], not 'replica'");
    }

    @Test
    void everyProblemIsReported()
    {
        assertThatThrownBy(() -> build("""
                  - type: readOnly
                    targetGroup: replicas
                  - type: readOnly
                    denyWrites: sometimes
                    targetGroups: primary
                """))
                .isInstanceOf(QueryFluxException.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("routers[1].targetGroup is required")
                .hasMessageContaining("routers[1].denyWrites must be true or false, not 'sometimes'")
                .hasMessageContaining("routers[1].targetGroups is not a known key");
    }

    // Two groups on the testing engine; the routers section is the test's.
    private static QueryFlux build(String routers)
    {
        String yaml = """
                queryflux:
                  frontends:
                    trinoHttp: { enabled: true, port: 0 }
                clusterGroups:
                  primary:
                    engine: testing
                    clusters:
                      - name: primary-1
                  replicas:
                    engine: testing
                    clusters:
                      - name: replicas-1
                routingFallback: primary
                routers:
                """ + routers;
        return QueryFlux.builder()
                .config(ConfigLoader.parse(yaml))
                .backendFactory(new TestingBackendFactory())
                .build();
    }
}
