package io.queryflux.jetty.routing;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.FrontendConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.testing.TestingJson;
import io.queryflux.jetty.TestingTrinoCli;
import io.queryflux.spi.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static io.queryflux.jetty.routing.TestingQueries.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load shedding at {@code maxConnections: 2}: two long polls of queries that produce nothing until the
 * test lets them take both places, so every other request gets a 503 in Trino's JSON shape. A burst of
 * trino-jdbc clients and the Trino CLI, started meanwhile, are refused and retry; once the places free
 * up, every query completes, each run exactly once.
 */
class LoadSheddingTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int JDBC_CLIENTS = 6;
    private static final int ROWS = 2000;

    private static TestingRoutingServer server;

    @BeforeAll
    static void start()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .frontend(new FrontendConfig(TestingRoutingServer.REQUEST_LOG, true, 0, Map.of()))
                .frontend(new FrontendConfig("trinoHttp", true, 0, Map.of(
                        "maxConnections", 2,
                        // A poll of a query without news waits this long: the holders' polls wait until released.
                        "maxWait", "60s",
                        "targetPageBytes", 4096)))
                .clusterGroup(ClusterGroupConfig.builder("pool", TestingRoutingBackendFactory.NAME)
                        .maxRunningQueries(20)
                        .cluster("pool-1", Map.of())
                        .build())
                .routingFallback("pool")
                .build();
        server = TestingRoutingServer.start(config);
    }

    @AfterAll
    static void stop()
    {
        if (server != null) {
            server.backend().releaseHolds();
            server.close();
        }
    }

    @Test
    void clientsRetryTheOverloadAnswerUntilTheirQueriesComplete()
            throws Exception
    {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            // Two queries that park a poll each: both places are taken.
            AtomicBoolean parked1 = new AtomicBoolean();
            AtomicBoolean parked2 = new AtomicBoolean();
            CompletableFuture<TestingQueries.RawResult> holder1 = CompletableFuture.supplyAsync(() -> hold("holder-1", parked1), threads);
            CompletableFuture<TestingQueries.RawResult> holder2 = CompletableFuture.supplyAsync(() -> hold("holder-2", parked2), threads);
            await("both holders park a poll", DEADLINE, () -> {
                // A holder that failed would never park: report its failure instead of timing out.
                if (holder1.isCompletedExceptionally() || holder2.isCompletedExceptionally()) {
                    holder1.getNow(null);
                    holder2.getNow(null);
                }
                return parked1.get() && parked2.get() && isOverloaded();
            });

            HttpResponse<String> refused = server.post("rows 1", Map.of("X-Trino-User", "raw"));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            Map<String, Object> body = TestingJson.object(refused.body());
            assertThat(TestingQueries.state(body)).isEqualTo("FAILED");
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) body.get("error");
            assertThat(error)
                    .containsEntry("errorName", "SERVER_OVERLOADED")
                    .containsEntry("errorType", "INSUFFICIENT_RESOURCES")
                    .containsEntry("errorCode", (long) ErrorCode.SERVER_OVERLOADED.code());
            assertThat((String) error.get("message")).contains("maxConnections");
            assertThat(server.backend().received()).noneMatch(query -> query.user().equals("raw"));

            // The burst: every client is refused while the holders hold, and keeps retrying.
            List<CompletableFuture<Long>> jdbc = new ArrayList<>();
            for (int i = 0; i < JDBC_CLIENTS; i++) {
                String user = "jdbc-" + i;
                jdbc.add(CompletableFuture.supplyAsync(() -> countRows(user), threads));
            }
            CompletableFuture<TestingTrinoCli.Result> cli = CompletableFuture.supplyAsync(() -> TestingTrinoCli.run(List.of(
                    "--server=" + server.uri(),
                    "--user=cli",
                    "--no-progress",
                    "--disable-auto-suggestion",
                    "--client-request-timeout=60s",
                    "--output-format=CSV",
                    "--execute=rows " + ROWS), DEADLINE), threads);
            List<String> users = new ArrayList<>(IntStream.range(0, JDBC_CLIENTS).mapToObj(i -> "jdbc-" + i).toList());
            users.add("cli");
            await("every client was refused and tried again", DEADLINE, () -> users.stream().allMatch(user -> posts(user) >= 2));
            assertThat(server.backend().received()).noneMatch(query -> users.contains(query.user()));

            server.backend().releaseHolds();

            for (CompletableFuture<Long> rows : jdbc) {
                assertThat(rows.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ROWS);
            }
            TestingTrinoCli.Result result = cli.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.lines()).as(result.toString()).hasSize(ROWS);
            assertThat(holder1.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).state()).isEqualTo("FINISHED");
            assertThat(holder2.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).state()).isEqualTo("FINISHED");
            // Retried requests never ran a query twice.
            for (String user : users) {
                assertThat(server.backend().received()).as(user).filteredOn(query -> query.user().equals(user)).hasSize(1);
            }
        }
        finally {
            server.backend().releaseHolds();
            threads.shutdownNow();
        }
    }

    private static boolean isOverloaded()
    {
        try {
            return server.get(server.uri().resolve("/v1/info").toString(), "probe").statusCode() == 503;
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long posts(String user)
    {
        return server.requests().stream().filter(request -> request.equals("POST /v1/statement " + user)).count();
    }

    // Runs a hold query by raw HTTP; parked is set when its next poll can only answer once released.
    private static TestingQueries.RawResult hold(String user, AtomicBoolean parked)
    {
        try {
            HttpResponse<String> response = server.post("hold", Map.of("X-Trino-User", user));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Map<String, Object> results = TestingJson.object(response.body());
            while (results.containsKey("nextUri")) {
                if (TestingQueries.state(results).equals("RUNNING")) {
                    parked.set(true);
                }
                HttpResponse<String> next = server.get((String) results.get("nextUri"), user);
                if (next.statusCode() == 503) {
                    continue;
                }
                assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
                results = TestingJson.object(next.body());
            }
            return new TestingQueries.RawResult(results, List.of(), List.of());
        }
        catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static long countRows(String user)
    {
        try (Connection connection = server.connect(user, Map.of());
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("rows " + ROWS)) {
            long rows = 0;
            while (resultSet.next()) {
                assertThat(resultSet.getLong(1)).isEqualTo(rows);
                rows++;
            }
            return rows;
        }
        catch (Exception e) {
            throw new RuntimeException(user + " failed", e);
        }
    }
}
