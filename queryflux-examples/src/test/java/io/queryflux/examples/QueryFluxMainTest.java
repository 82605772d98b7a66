package io.queryflux.examples;

import io.queryflux.jetty.QueryFluxServer;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryFluxMainTest
{
    @Test
    void bundledConfigServesTheDemoSchema()
            throws Exception
    {
        try (QueryFluxServer server = QueryFluxMain.start(new ServerOptions(Optional.empty(), OptionalInt.of(0), "127.0.0.1"))) {
            assertThat(server.port()).isNotEqualTo(8080);
            assertThat(TrinoClients.queryValue(server.uri(), "SELECT count(*) FROM demo.customers")).isEqualTo(40L);
            assertThat(TrinoClients.queryValue(server.uri(), "SELECT count(*) FROM demo.orders o JOIN demo.customers c ON o.customer_id = c.id")).isEqualTo(200L);
        }
    }

    @Test
    void bundledConfigListensOn8080ByDefault()
    {
        assertThat(BundledConfig.load().frontends().get("trinoHttp").port()).isEqualTo(8080);
        assertThat(BundledConfig.load().routingFallback()).isEqualTo("duckdb-local");
    }

    @Test
    void configFileProblemsAreReportedTogether(@TempDir Path directory)
            throws IOException
    {
        Path config = Files.writeString(directory.resolve("queryflux.yaml"), """
                clusterGroups:
                  local:
                    engine: duckDb
                    maxRunningQueries: 0
                    clusters:
                      - name: local-1
                routers:
                  - type: readOnly
                routingFallback: local
                """);

        assertThatThrownBy(() -> QueryFluxMain.start(new ServerOptions(Optional.of(config), OptionalInt.of(0), "127.0.0.1")))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("clusterGroups.local.maxRunningQueries")
                .hasMessageContaining("clusterGroups.local.clusters[0].databasePath is required")
                .hasMessageContaining("routers[0].targetGroup is required");
    }

    @Test
    void missingConfigFileIsAConfigProblem(@TempDir Path directory)
    {
        Path missing = directory.resolve("missing.yaml");

        assertThatThrownBy(() -> QueryFluxMain.start(new ServerOptions(Optional.of(missing), OptionalInt.of(0), "127.0.0.1")))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining(missing.toString());
    }
}
