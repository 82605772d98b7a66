package io.queryflux.core.internal.firebolt;

import io.queryflux.core.testing.TestingFireboltCore;
import io.queryflux.core.testing.TestingResultSink;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.QueryRequest;

import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Builds Firebolt backends on a {@link TestingFireboltCore} and runs statements on them as a client
 * whose session carries over from statement to statement.
 */
final class FireboltTesting
{
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private FireboltTesting() {}

    static FireboltSettings settings(TestingFireboltCore core)
    {
        return FireboltSettings.defaults("firebolt-1", EndpointPolicy.parse(core.endpoint()));
    }

    static FireboltBackend backend(TestingFireboltCore core)
    {
        return backend(settings(core));
    }

    static FireboltBackend backend(FireboltSettings settings)
    {
        return backend(settings, FireboltBackend.UNTAPPED);
    }

    static FireboltBackend backend(FireboltSettings settings, UnaryOperator<InputStream> bodyTap)
    {
        return new FireboltBackend(settings, FireboltBackendFactory.httpClient(settings.connectTimeout()), bodyTap);
    }

    static QueryRequest query(String sql, TestingTrinoSession session)
    {
        return new QueryRequest("20240101_000000_00000_aaaaa", sql, session.context());
    }

    /** Runs {@code sql} in {@code session} and applies its session changes, as a Trino client does. */
    static TestingResultSink run(FireboltBackend backend, TestingTrinoSession session, String sql)
    {
        return run(backend, session, sql, new TestingResultSink(), new TestingCancellation());
    }

    static TestingResultSink run(FireboltBackend backend, TestingTrinoSession session, String sql, TestingResultSink sink, Cancellation cancellation)
    {
        try {
            backend.execute(query(sql, session), sink, cancellation);
        }
        finally {
            session.apply(sink.sessionChanges());
        }
        return sink;
    }

    static TestingResultSink run(FireboltBackend backend, String sql)
    {
        return run(backend, new TestingTrinoSession(), sql);
    }

    /** Polls {@code condition} until it holds, failing after {@link #TIMEOUT}. */
    static void await(String description, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for: " + description);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + description, e);
            }
        }
    }
}
