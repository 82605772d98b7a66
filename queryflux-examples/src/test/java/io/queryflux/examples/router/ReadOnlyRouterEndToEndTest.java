package io.queryflux.examples.router;

import io.queryflux.examples.QueryFluxMain;
import io.queryflux.examples.ServerOptions;
import io.queryflux.examples.TrinoClients;
import io.queryflux.jetty.QueryFluxServer;
import io.queryflux.spi.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The {@code readOnly} router as a user would deploy it: named in a YAML file, found through
 * {@link java.util.ServiceLoader}, in front of two DuckDB groups that each hold a table saying which
 * group they are.
 */
class ReadOnlyRouterEndToEndTest
{
    @TempDir
    Path directory;

    @Test
    void readsGoToTheTargetGroup()
            throws Exception
    {
        try (QueryFluxServer server = start(true)) {
            assertThat(TrinoClients.queryValue(server.uri(), "SELECT name FROM whoami")).isEqualTo("replicas");
            assertThat(TrinoClients.queryValue(server.uri(), "-- from a dashboard\nselect name from whoami")).isEqualTo("replicas");
        }
    }

    @Test
    void writesAreDenied()
            throws Exception
    {
        try (QueryFluxServer server = start(true)) {
            assertThatThrownBy(() -> TrinoClients.update(server.uri(), "INSERT INTO whoami VALUES ('intruder')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED.code()))
                    .hasMessageContaining("INSERT statements are not allowed, only reads are");

            // trino-jdbc keeps only the numeric code; the protocol also names the error.
            List<Map<String, Object>> documents = TrinoClients.runOverHttp(server.uri(), "DELETE FROM whoami");
            Map<String, Object> last = documents.get(documents.size() - 1);
            assertThat(last).extractingByKey("error").asInstanceOf(MAP)
                    .containsEntry("errorName", "PERMISSION_DENIED")
                    .containsEntry("errorType", "USER_ERROR");
        }
    }

    @Test
    void withoutDenyWritesWritesFallBackToTheNextRouter()
            throws Exception
    {
        try (QueryFluxServer server = start(false)) {
            // The table exists only in the fallback group, so the insert succeeds only there.
            assertThat(TrinoClients.update(server.uri(), "INSERT INTO primary_only VALUES (1)")).isEqualTo(1L);
            assertThat(TrinoClients.queryValue(server.uri(), "SELECT name FROM whoami")).isEqualTo("replicas");
        }
    }

    private QueryFluxServer start(boolean denyWrites)
            throws IOException
    {
        Path config = Files.writeString(directory.resolve("queryflux.yaml"), """
                clusterGroups:
                  primary:
                    engine: duckDb
                    clusters:
                      - name: primary-1
                        databasePath: ":memory:"
                        initSql:
                          - CREATE TABLE whoami AS SELECT 'primary' AS name
                          - CREATE TABLE primary_only (id INTEGER)
                  replicas:
                    engine: duckDb
                    clusters:
                      - name: replicas-1
                        databasePath: ":memory:"
                        initSql:
                          - CREATE TABLE whoami AS SELECT 'replicas' AS name
                routers:
                  - type: readOnly
                    targetGroup: replicas
                    denyWrites: %s
                routingFallback: primary
                """.formatted(denyWrites));
        return QueryFluxMain.start(new ServerOptions(Optional.of(config), OptionalInt.of(0), "127.0.0.1"));
    }
}
