package io.queryflux.examples.embedded;

import io.queryflux.examples.TrinoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

class HostApplicationTest
{
    private static HostApplication application;

    @BeforeAll
    static void start()
            throws Exception
    {
        application = HostApplication.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop()
    {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void hostEndpointWinsOverQueryFlux()
            throws Exception
    {
        HttpResponse<String> response = TrinoClients.get(application.uri().resolve("/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void trinoJdbcConnectsToTheRoot()
            throws Exception
    {
        assertThat(TrinoClients.queryValue(application.uri(), "SELECT greeting FROM greetings WHERE language = 'de'")).isEqualTo("hallo");
    }

    @Test
    void httpClientsCanUseThePathPrefix()
            throws Exception
    {
        URI base = URI.create(application.uri() + "/sql");

        List<Map<String, Object>> documents = TrinoClients.runOverHttp(base, "SELECT count(*) FROM greetings");

        assertThat(documents).hasSizeGreaterThan(1);
        for (Map<String, Object> document : documents.subList(0, documents.size() - 1)) {
            assertThat((String) document.get("nextUri")).startsWith(base + "/v1/statement/");
        }
        Map<String, Object> last = documents.get(documents.size() - 1);
        assertThat(last).extractingByKey("stats").asInstanceOf(MAP).containsEntry("state", "FINISHED");
        assertThat(documents).anySatisfy(document -> assertThat(document.get("data")).isEqualTo(List.of(List.of(3L))));
    }

    @Test
    void otherPathsAreQueryFluxNotFound()
            throws Exception
    {
        HttpResponse<String> response = TrinoClients.get(application.uri().resolve("/nothing-here"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("NOT_FOUND");
    }
}
