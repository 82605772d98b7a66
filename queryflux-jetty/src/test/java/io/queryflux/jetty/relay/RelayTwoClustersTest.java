package io.queryflux.jetty.relay;

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
import java.util.concurrent.TimeUnit;

import static io.queryflux.jetty.relay.RelayAssertions.nextUri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With two coordinators in the group, every later request of a relayed query goes to the cluster
 * that owns it, found by Trino's query id.
 */
class RelayTwoClustersTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static TestingTrinoCoordinator first;
    private static TestingTrinoCoordinator second;
    private static RelayTestServer server;

    @BeforeAll
    static void start()
    {
        first = TestingTrinoCoordinator.create();
        second = TestingTrinoCoordinator.create();
        server = RelayTestServer.builder(first, second).maxRunningQueries(4).start();
    }

    @AfterAll
    static void stop()
    {
        server.close();
        first.close();
        second.close();
    }

    @Test
    void pollsGoToTheOwningCluster()
            throws Exception
    {
        Map<String, Object> a = RelayTestServer.json(server.post("block two-a"));
        Map<String, Object> b = RelayTestServer.json(server.post("block two-b"));
        String idA = (String) a.get("id");
        String idB = (String) b.get("id");
        // Round robin: one query on each coordinator.
        TestingTrinoCoordinator ownerA = first.queryIds().contains(idA) ? first : second;
        TestingTrinoCoordinator ownerB = ownerA == first ? second : first;
        assertThat(ownerB.queryIds()).contains(idB);

        String nextA = nextUri(a);
        String nextB = nextUri(b);
        for (int i = 0; i < 3; i++) {
            nextA = nextUri(RelayTestServer.json(server.get(nextA)));
            nextB = nextUri(RelayTestServer.json(server.get(nextB)));
        }
        assertThat(server.get(server.base() + "/v1/query/" + idA).statusCode()).isEqualTo(200);
        assertThat(server.head(nextB).statusCode()).isEqualTo(200);
        assertThat(server.delete(nextA).statusCode()).isEqualTo(204);
        assertThat(server.delete(server.base() + "/v1/query/" + idB).statusCode()).isEqualTo(204);

        assertThat(ownerA.requestsFor(idA)).hasSize(5); // 3 polls, the query resource, the cancel
        assertThat(ownerB.requestsFor(idB)).hasSize(5); // 3 polls, a heartbeat, the cancel
        assertThat(ownerA.requestsFor(idB)).isEmpty();
        assertThat(ownerB.requestsFor(idA)).isEmpty();
        assertThat(ownerA.query(idA).isCancelled()).isTrue();
        assertThat(ownerB.query(idB).isCancelled()).isTrue();
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void jdbcQueriesOnBothClusters()
            throws Exception
    {
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String sql = "rows 400 100 -- two clusters " + i;
            counts.add(CompletableFuture.supplyAsync(() -> {
                try (Connection connection = server.connect();
                        Statement statement = connection.createStatement();
                        ResultSet results = statement.executeQuery(sql)) {
                    int rows = 0;
                    while (results.next()) {
                        assertThat(results.getLong("id")).isEqualTo(rows++);
                    }
                    return rows;
                }
                catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (CompletableFuture<Integer> count : counts) {
            assertThat(count.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(400);
        }
        assertThat(first.posts().stream().filter(post -> post.body().contains("two clusters"))).isNotEmpty();
        assertThat(second.posts().stream().filter(post -> post.body().contains("two clusters"))).isNotEmpty();
        server.awaitNoRunningQueries(DEADLINE);
    }

    @Test
    void infoComesFromACoordinator()
            throws Exception
    {
        HttpResponse<String> info = server.get(server.base() + "/v1/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains(TestingTrinoCoordinator.VERSION);
    }
}
