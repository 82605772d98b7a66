package io.queryflux.jetty;

import io.queryflux.core.testing.TestingQueryFlux;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many trino-jdbc clients at once, more than the group admits: every client gets exactly its own
 * rows, the cap holds, and every slot is free at the end.
 */
class ConcurrencyTest
{
    private static final int CLIENTS = 12;
    private static final int QUERIES_PER_CLIENT = 4;

    @Test
    void testingEngine()
            throws Exception
    {
        try (TestingServer server = TestingServer.start(TestingQueryFlux.testingGroup(3, Map.of("targetPageBytes", 2048)))) {
            run(server, (client, query) -> "rows " + (1000 + 100 * client + query), (client, query) -> 1000 + 100 * client + query,
                    (resultSet, row) -> {
                        assertThat(resultSet.getLong(1)).isEqualTo(row);
                        assertThat(resultSet.getString(2)).isEqualTo("row-" + row);
                    });
            assertThat(server.backend().peakRunning()).isLessThanOrEqualTo(3);
            assertThat(server.queryFlux().runningQueries(TestingConfigs.TESTING_GROUP)).isZero();
            assertThat(server.queryFlux().queuedQueries(TestingConfigs.TESTING_GROUP)).isZero();
        }
    }

    @Test
    void duckDb()
            throws Exception
    {
        try (TestingServer server = TestingServer.start(TestingConfigs.duckDb(3, Map.of("targetPageBytes", 2048)))) {
            run(server,
                    (client, query) -> "SELECT i, " + client + " AS client, 'q" + query + "-' || i AS label FROM range(" + (2000 + client) + ") t(i) ORDER BY i",
                    (client, query) -> 2000 + client,
                    (resultSet, row) -> {
                        assertThat(resultSet.getLong(1)).isEqualTo(row);
                    });
            assertThat(server.queryFlux().runningQueries(TestingConfigs.DUCKDB_GROUP)).isZero();
            assertThat(server.queryFlux().queuedQueries(TestingConfigs.DUCKDB_GROUP)).isZero();
        }
    }

    private interface Sql
    {
        String of(int client, int query);
    }

    private interface Count
    {
        long of(int client, int query);
    }

    private interface RowCheck
    {
        void check(ResultSet resultSet, long row)
                throws Exception;
    }

    private static void run(TestingServer server, Sql sql, Count count, RowCheck check)
            throws Exception
    {
        ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int clientId = client;
                clients.add(executor.submit(() -> {
                    try (Connection connection = server.connect()) {
                        for (int query = 0; query < QUERIES_PER_CLIENT; query++) {
                            try (Statement statement = connection.createStatement();
                                    ResultSet resultSet = statement.executeQuery(sql.of(clientId, query))) {
                                long row = 0;
                                while (resultSet.next()) {
                                    check.check(resultSet, row);
                                    row++;
                                }
                                assertThat(row).as("rows of client %s query %s", clientId, query).isEqualTo(count.of(clientId, query));
                            }
                        }
                    }
                    return QUERIES_PER_CLIENT;
                }));
            }
            int queries = 0;
            for (Future<Integer> client : clients) {
                queries += client.get(60, TimeUnit.SECONDS);
            }
            assertThat(queries).isEqualTo(CLIENTS * QUERIES_PER_CLIENT);
        }
        finally {
            executor.shutdownNow();
        }
    }
}
