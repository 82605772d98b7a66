package io.queryflux.jetty.auth;

import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.jetty.relay.TestingTrinoCoordinator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.queryflux.jetty.TestingServer.await;
import static io.queryflux.jetty.auth.TestingSecureServer.basic;
import static io.queryflux.jetty.auth.TestingUsers.ALICE_PASSWORD;
import static io.queryflux.jetty.auth.TestingUsers.BOB_PASSWORD;
import static io.queryflux.jetty.auth.TestingUsers.OLGA_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Only the user who submitted a query, or an operator, may poll, heartbeat or cancel it: on the
 * proxy's own queued and executing URIs, on {@code /v1/query/<id>}, and on the Trino paths of a
 * relayed query. Everybody else gets a Trino-shaped 403, and the query goes on untouched.
 */
class QueryOwnershipTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String ALICE = basic("alice", ALICE_PASSWORD);
    private static final String BOB = basic("bob", BOB_PASSWORD);
    private static final String OLGA = basic("olga", OLGA_PASSWORD);

    @TempDir
    Path directory;

    @Test
    void anotherUserCannotTouchAQueryOnTheProxysOwnUris()
            throws Exception
    {
        try (TestingSecureServer server = TestingSecureServer.builder(TestingUsers.staticAuth().build()).tls(TestingKeystore.create(directory)).start()) {
            HttpResponse<String> posted = server.post("block", "Authorization", ALICE, "X-Trino-User", "alice");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            String next = nextUri(posted);
            String queryId = (String) TestingSecureServer.json(posted).get("id");
            assertThat(next).startsWith(server.uri() + "/v1/statement/qf/");

            assertForbidden(server, next, "GET", "HEAD", "DELETE");
            assertForbidden(server, server.uri() + "/v1/query/" + queryId, "GET", "DELETE");
            assertThat(server.request("GET", next).statusCode()).isEqualTo(401);
            assertThat(server.request("GET", next, "X-Trino-User", "alice").statusCode()).isEqualTo(401);

            // Untouched: its owner goes on polling it.
            await("the query to run", DEADLINE, () -> server.queryFlux().runningQueries("test") == 1);
            HttpResponse<String> polled = server.request("GET", next, "Authorization", ALICE, "X-Trino-User", "alice");
            assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
            assertThat(server.request("HEAD", nextUri(polled), "Authorization", ALICE).statusCode()).isEqualTo(200);

            // An operator may cancel it.
            assertThat(server.request("DELETE", nextUri(polled), "Authorization", OLGA, "X-Trino-User", "olga").statusCode()).isEqualTo(204);
            await("the cancelled query to stop", DEADLINE, () -> server.queryFlux().runningQueries("test") == 0);
        }
    }

    @Test
    void anotherUserCannotTouchARelayedQueryOnTrinosPaths()
            throws Exception
    {
        try (TestingTrinoCoordinator trino = TestingTrinoCoordinator.create();
                TestingSecureServer server = TestingSecureServer.builder(TestingUsers.staticAuth().build())
                        .tls(TestingKeystore.create(directory))
                        .group(ClusterGroupConfig.builder("trino", "trino").cluster("trino-1", Map.of("endpoint", trino.endpoint())).build())
                        .start()) {
            HttpResponse<String> posted = server.post("block owned", "Authorization", ALICE, "X-Trino-User", "alice");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            String next = nextUri(posted);
            String trinoId = (String) TestingSecureServer.json(posted).get("id");
            assertThat(next).startsWith(server.uri() + "/v1/statement/").doesNotContain("/qf/");

            assertForbidden(server, next, "GET", "HEAD", "DELETE");
            assertForbidden(server, server.uri() + "/v1/query/" + trinoId, "GET", "DELETE");
            assertThat(trino.query(trinoId).deleteCount()).isZero();
            assertThat(trino.requestsFor(trinoId)).noneMatch(request -> request.toString().contains("bob"));

            HttpResponse<String> polled = server.request("GET", next, "Authorization", ALICE, "X-Trino-User", "alice");
            assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
            assertThat(server.request("DELETE", nextUri(polled), "Authorization", OLGA).statusCode() / 100).isEqualTo(2);
            await("Trino to see the cancel", DEADLINE, () -> trino.query(trinoId).isCancelled());
            await("the slot to be released", DEADLINE, () -> server.queryFlux().runningQueries("trino") == 0);
        }
    }

    private static void assertForbidden(TestingSecureServer server, String uri, String... methods)
            throws Exception
    {
        for (String method : List.of(methods)) {
            HttpResponse<String> response = server.request(method, uri, "Authorization", BOB, "X-Trino-User", "bob");
            assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(403);
            if (!method.equals("HEAD")) {
                assertThat(TestingSecureServer.json(response).get("error")).asInstanceOf(MAP)
                        .containsEntry("errorName", "PERMISSION_DENIED")
                        .containsEntry("message", "Access Denied: the query belongs to another user");
            }
        }
    }

    private static String nextUri(HttpResponse<String> response)
    {
        return (String) TestingSecureServer.json(response).get("nextUri");
    }
}
