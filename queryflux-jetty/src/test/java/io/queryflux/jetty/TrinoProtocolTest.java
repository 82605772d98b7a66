package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrinoProtocolTest
{
    private static TestingServer server;

    @BeforeAll
    static void start()
    {
        server = TestingServer.start(TestingQueryFlux.testingGroup(4, Map.of("targetPageBytes", 4096)));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void postAnswersWithoutRowsAndPollingReadsEveryPage()
            throws Exception
    {
        HttpResponse<String> response = server.post("rows 1000");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> results = TestingServer.json(response);
        assertThat(results).containsKeys("id", "infoUri", "nextUri", "stats").doesNotContainKey("data");

        long rows = 0;
        int pages = 0;
        while (results.containsKey("nextUri")) {
            response = server.get((String) results.get("nextUri"));
            assertThat(response.statusCode()).isEqualTo(200);
            results = TestingServer.json(response);
            if (results.containsKey("data")) {
                List<?> data = (List<?>) results.get("data");
                assertThat(results).containsKey("columns");
                assertThat((List<?>) data.get(0)).first().isEqualTo(rows);
                rows += data.size();
                pages++;
            }
        }
        assertThat(rows).isEqualTo(1000);
        assertThat(pages).isGreaterThan(1);
        assertThat(((Map<?, ?>) results.get("stats")).get("state")).isEqualTo("FINISHED");
    }

    @Test
    void jdbcReadsAllRows()
            throws Exception
    {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("rows 250000")) {
            long expected = 0;
            while (resultSet.next()) {
                assertThat(resultSet.getLong(1)).isEqualTo(expected);
                assertThat(resultSet.getString(2)).isEqualTo("row-" + expected);
                expected++;
            }
            assertThat(expected).isEqualTo(250000);
        }
    }
}
