package io.queryflux.core.internal.trino;

import io.queryflux.core.testing.TestingJson;
import io.queryflux.spi.Column;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.HttpExchange;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryState;
import io.queryflux.spi.RelayLease;
import io.queryflux.spi.SessionContext;
import io.queryflux.spi.TrinoType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A paged query driven as the frontend and a backend drive it: pages, token retries, long polls,
 * cancel, and the hand-over to the relay.
 */
class TrinoQueryTest
{
    private static final String QUERY_ID = "20260101_000000_00001_abcde";
    private static final String BASE_URI = "http://localhost:8080";
    private static final List<Column> COLUMNS = List.of(new Column("n", TrinoType.BIGINT), new Column("label", TrinoType.VARCHAR));
    private static final long LONG_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(60);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("test-poll-timer"));
    private final PollResponder responder = new PollResponder(scheduler, Runnable::run);
    private final List<StartedRelay> relays = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown()
    {
        scheduler.shutdownNow();
    }

    @Test
    void servesEveryRowInPagesAndARepeatedTokenReservesIdenticalBytes()
            throws Exception
    {
        int rowCount = 30_000;
        // Pages of about 100 kB, each in more than one chunk.
        TrinoQuery query = query(settings(100_000, 2));
        query.started("group", "cluster");
        Thread producer = new Thread(() -> {
            query.columns(COLUMNS);
            for (long i = 0; i < rowCount; i++) {
                query.row(new Object[] {i, "row-" + i});
            }
            query.finished();
        });
        producer.start();

        Map<String, Object> results = TestingJson.object(utf8(query.submitted(BASE_URI)));
        long rows = 0;
        int pagesWithData = 0;
        for (long token = 1; results.containsKey("nextUri"); token++) {
            byte[] first = poll(query, token).awaitCompleted().body();
            byte[] again = poll(query, token).awaitCompleted().body();
            assertThat(again).isEqualTo(first);
            results = TestingJson.object(new String(first, StandardCharsets.UTF_8));
            if (results.containsKey("data")) {
                List<?> data = (List<?>) results.get("data");
                assertThat(((List<?>) data.get(0)).get(0)).isEqualTo(rows);
                rows += data.size();
                pagesWithData++;
            }
        }
        producer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(producer.isAlive()).isFalse();

        assertThat(stats(results).get("state")).isEqualTo("FINISHED");
        assertThat(rows).isEqualTo(rowCount);
        assertThat(pagesWithData).isGreaterThan(2);
        assertThat(query.isDone()).isTrue();
    }

    @Test
    void pollThatRunsOutOfTimeFlushesTheRowsSoFarIntoTheNextPage()
    {
        TrinoQuery query = query(settings(1 << 20, 2));
        query.started("group", "cluster");
        query.submitted(BASE_URI);
        query.columns(COLUMNS);
        query.row(new Object[] {0L, "row-0"});

        Map<String, Object> empty = json(poll(query, 1, 10).awaitCompleted());
        assertThat(stats(empty).get("state")).isEqualTo("RUNNING");
        assertThat(empty).doesNotContainKey("data");

        query.row(new Object[] {1L, "row-1"});
        TestingHttpExchange next = poll(query, 2);
        assertThat(next.isCompleted()).isTrue();
        assertThat((List<?>) json(next).get("data")).hasSize(2);
    }

    @Test
    void cancelAnswersTheParkedPoll()
    {
        TrinoQuery query = query(settings(1 << 20, 2));
        query.submitted(BASE_URI);
        TestingHttpExchange parked = poll(query, 1);
        assertThat(parked.isCompleted()).isFalse();
        assertThat(query.idleNanos(System.nanoTime() + TimeUnit.HOURS.toNanos(1))).isZero();

        query.cancelledByClient();

        Map<String, Object> results = json(parked.awaitCompleted());
        assertThat(stats(results).get("state")).isEqualTo("FAILED");
        assertThat(((Map<?, ?>) results.get("error")).get("errorName")).isEqualTo(ErrorCode.USER_CANCELED.name());
        assertThat(query.isDone()).isTrue();
        assertThatThrownBy(() -> query.row(new Object[] {0L, "late"}))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_CANCELED));
    }

    @Test
    void admittedWhileThePostIsAnsweredIsRelayedByThePostOnly()
    {
        TrinoQuery query = query(settings(1 << 20, 2));
        query.relay(TestingPassthrough.INSTANCE, TestingLease.INSTANCE);

        assertThat(query.claimRelay()).isTrue();
        assertThat(query.claimRelay()).isFalse();
        TestingHttpExchange post = new TestingHttpExchange("/v1/statement");
        query.startRelay(post);

        assertThat(relays).containsExactly(new StartedRelay(post, "alice"));
        assertThat(query.isDone()).isTrue();
        assertPageGone(() -> poll(query, 1));
    }

    @Test
    void firstPollAfterAdmissionStartsTheRelayAndLaterPollsAreGone()
    {
        TrinoQuery query = query(settings(1 << 20, 2));
        query.submitted(BASE_URI);
        query.relay(TestingPassthrough.INSTANCE, TestingLease.INSTANCE);

        TestingHttpExchange relayed = poll(query, 1);

        assertThat(relays).containsExactly(new StartedRelay(relayed, "alice"));
        assertThat(query.claimRelay()).isFalse();
        assertPageGone(() -> poll(query, 1));
        assertThat(relays).hasSize(1);
    }

    @Test
    void parkedPollsAreHandedToTheRelayNewestFirstAndStaleOnesAreGone()
    {
        TrinoQuery query = query(settings(1 << 20, 2));
        query.submitted(BASE_URI);
        TestingHttpExchange stale = poll(query, 1);
        TestingHttpExchange newest = poll(query, 1);
        assertThat(stale.isCompleted()).isFalse();
        assertThat(newest.isCompleted()).isFalse();

        query.relay(TestingPassthrough.INSTANCE, TestingLease.INSTANCE);

        assertThat(relays).containsExactly(new StartedRelay(newest, "alice"));
        assertThat(stale.awaitCompleted().status()).isEqualTo(410);
        assertThat(newest.isCompleted()).isFalse();
        assertThat(query.claimRelay()).isFalse();
        assertPageGone(() -> poll(query, 2));
        assertThat(relays).hasSize(1);
    }

    @Test
    void tokensOtherThanTheCurrentAndTheNextAreRefused()
    {
        TrinoQuery query = query(settings(1 << 20, 2));
        query.columns(COLUMNS);
        query.row(new Object[] {0L, "row-0"});
        query.finished();
        query.submitted(BASE_URI);
        poll(query, 1).awaitCompleted();
        poll(query, 2).awaitCompleted();

        assertPageGone(() -> poll(query, 0));
        assertThatThrownBy(() -> poll(query, 5))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.QUERY_NOT_FOUND));
    }

    private TrinoQuery query(TrinoHttpSettings settings)
    {
        TrinoQuery query = new TrinoQuery("select", List.of(), settings, responder, (exchange, user, cluster, lease) -> relays.add(new StartedRelay(exchange, user)));
        query.attach(new TestingExecution());
        return query;
    }

    private static TrinoHttpSettings settings(int targetPageBytes, int bufferedPages)
    {
        return new TrinoHttpSettings(1 << 20, targetPageBytes, 100_000, bufferedPages, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(2), "test", 100);
    }

    private static TestingHttpExchange poll(TrinoQuery query, long token)
    {
        return poll(query, token, LONG_WAIT_MILLIS);
    }

    private static TestingHttpExchange poll(TrinoQuery query, long token, long maxWaitMillis)
    {
        TestingHttpExchange exchange = new TestingHttpExchange("/v1/statement/qf/executing/" + QUERY_ID + "/" + token);
        query.poll(new PendingPoll(exchange, token, BASE_URI, maxWaitMillis));
        return exchange;
    }

    private static void assertPageGone(Runnable poll)
    {
        assertThatThrownBy(poll::run)
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PAGE_GONE));
    }

    private static Map<String, Object> json(TestingHttpExchange exchange)
    {
        assertThat(exchange.status()).isEqualTo(200);
        return TestingJson.object(new String(exchange.body(), StandardCharsets.UTF_8));
    }

    private static Map<?, ?> stats(Map<String, Object> results)
    {
        return (Map<?, ?>) results.get("stats");
    }

    private static String utf8(ResponseBody body)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private record StartedRelay(HttpExchange exchange, String user) {}

    private static final class TestingExecution
            implements QueryExecution
    {
        @Override
        public String queryId()
        {
            return QUERY_ID;
        }

        @Override
        public QueryState state()
        {
            return QueryState.RUNNING;
        }

        @Override
        public String group()
        {
            return "group";
        }

        @Override
        public SessionContext session()
        {
            return new SessionContext(SessionContext.TRINO_HTTP, "alice", null, Map.of(), Map.of());
        }

        @Override
        public void cancel() {}
    }

    private static final class TestingPassthrough
            implements Passthrough
    {
        static final TestingPassthrough INSTANCE = new TestingPassthrough();

        @Override
        public String protocol()
        {
            return SessionContext.TRINO_HTTP;
        }

        @Override
        public String clusterName()
        {
            return "trino";
        }

        @Override
        public URI endpoint()
        {
            return URI.create("http://trino:8080");
        }

        @Override
        public Duration connectTimeout()
        {
            return Duration.ofSeconds(1);
        }

        @Override
        public Map<String, String> identityHeaders(Credentials client)
        {
            return Map.of();
        }
    }

    private static final class TestingLease
            implements RelayLease
    {
        static final TestingLease INSTANCE = new TestingLease();

        @Override
        public void finished() {}

        @Override
        public void failed(QueryFluxException error) {}
    }
}
