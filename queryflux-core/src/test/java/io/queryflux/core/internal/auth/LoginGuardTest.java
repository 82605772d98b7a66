package io.queryflux.core.internal.auth;

import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginGuardTest
{
    private static final Credentials ALICE = Credentials.basic("alice", "right").withRemoteAddress("10.0.0.1");

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger checks = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown()
    {
        threads.shutdownNow();
    }

    @Test
    void checksAPasswordOncePerCacheTtl()
    {
        LoginGuard guard = guard(settings(Duration.ofMinutes(5), 1));

        assertThat(guard.verify(ALICE, this::check)).isEqualTo(Principal.of("alice"));
        assertThat(guard.verify(ALICE, this::check)).isEqualTo(Principal.of("alice"));
        assertThat(checks).hasValue(1);

        now.addAndGet(Duration.ofMinutes(5).plusMillis(1).toNanos());
        guard.verify(ALICE, this::check);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aRememberedLoginDoesNotLetAnotherPasswordIn()
    {
        LoginGuard guard = guard(settings(Duration.ofMinutes(5), 1));
        guard.verify(ALICE, this::check);

        assertThatThrownBy(() -> guard.verify(Credentials.basic("alice", "wrong").withRemoteAddress("10.0.0.1"), this::check))
                .hasMessage("Invalid user name or password");
        assertThat(checks).hasValue(2);
    }

    @Test
    void locksOutAUserAndAddressAfterRepeatedFailuresWithoutHashing()
    {
        LoginGuard guard = guard(settings(Duration.ofMinutes(5), 1));
        Credentials guess = Credentials.basic("alice", "guess").withRemoteAddress("10.0.0.9");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guard.verify(guess, this::check)).hasMessage("Invalid user name or password");
        }
        assertThat(checks).hasValue(5);

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> guard.verify(guess, this::check))
                    .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                    .hasMessage("Too many failed logins for user alice from this address; retry in 1 s");
        }
        assertThat(checks).hasValue(5);

        // The real user, elsewhere, is not locked out.
        assertThat(guard.verify(ALICE, this::check)).isEqualTo(Principal.of("alice"));
        assertThat(checks).hasValue(6);
    }

    @Test
    void doublesTheLockoutWithEachFurtherFailureAndClearsItOnSuccess()
    {
        LoginGuard guard = guard(settings(Duration.ofMinutes(5), 1));
        Credentials guess = Credentials.basic("alice", "guess").withRemoteAddress("10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guard.verify(guess, this::check)).hasMessage("Invalid user name or password");
        }
        now.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThatThrownBy(() -> guard.verify(guess, this::check)).hasMessage("Invalid user name or password");
        assertThatThrownBy(() -> guard.verify(guess, this::check)).hasMessage("Too many failed logins for user alice from this address; retry in 2 s");

        now.addAndGet(Duration.ofMillis(2001).toNanos());
        assertThat(guard.verify(ALICE, this::check)).isEqualTo(Principal.of("alice"));
        // Cleared: the next failure is an ordinary one.
        assertThatThrownBy(() -> guard.verify(guess, this::check)).hasMessage("Invalid user name or password");
    }

    @Test
    void aLoginRememberedBeforeAnAttackKeepsWorkingDuringTheLockout()
    {
        LoginGuard guard = guard(settings(Duration.ofMinutes(5), 1));
        guard.verify(ALICE, this::check);
        Credentials guess = Credentials.basic("alice", "guess").withRemoteAddress("10.0.0.1");
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guard.verify(guess, this::check)).isInstanceOf(QueryFluxException.class);
        }

        assertThat(guard.verify(ALICE, this::check)).isEqualTo(Principal.of("alice"));
    }

    @Test
    void identicalConcurrentLoginsShareOneCheck()
            throws Exception
    {
        // No cache: only sharing can keep this to one check.
        LoginGuard guard = guard(settings(Duration.ZERO, 2));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<Credentials, Principal> slow = credentials -> {
            entered.countDown();
            await(release);
            return check(credentials);
        };
        Future<Principal> first = threads.submit(() -> guard.verify(ALICE, slow));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<Principal> second = threads.submit(() -> {
            waiter.set(Thread.currentThread());
            return guard.verify(ALICE, slow);
        });
        awaitParked(waiter);
        // Another password for the same user and address, at the same time, is refused at once.
        assertThatThrownBy(() -> guard.verify(Credentials.basic("alice", "guess").withRemoteAddress("10.0.0.1"), slow))
                .hasMessage("Another login of user alice from this address is being checked; retry");
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Principal.of("alice"));
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(Principal.of("alice"));
        assertThat(checks).hasValue(1);
    }

    @Test
    void boundsTheChecksRunningAtOnce()
            throws Exception
    {
        LoginGuard guard = guard(new LoginSettings(Duration.ZERO, 5, Duration.ofSeconds(1), Duration.ofMinutes(15), 1, Duration.ofMillis(50)));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Principal> first = threads.submit(() -> guard.verify(ALICE, credentials -> {
            entered.countDown();
            await(release);
            return check(credentials);
        }));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> guard.verify(Credentials.basic("bob", "right"), this::check))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SERVER_OVERLOADED));
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Principal.of("alice"));
        assertThat(guard.verify(Credentials.basic("bob", "right"), this::check)).isEqualTo(Principal.of("bob"));
    }

    private LoginGuard guard(LoginSettings settings)
    {
        return new LoginGuard(settings, now::get);
    }

    private static LoginSettings settings(Duration cacheTtl, int maxConcurrent)
    {
        return new LoginSettings(cacheTtl, 5, Duration.ofSeconds(1), Duration.ofMinutes(15), maxConcurrent, Duration.ofSeconds(5));
    }

    private Principal check(Credentials credentials)
    {
        checks.incrementAndGet();
        if (!credentials.password().equals("right")) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Invalid user name or password");
        }
        return Principal.of(credentials.user());
    }

    private static void awaitParked(AtomicReference<Thread> thread)
    {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The second login never waited for the first");
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch)
    {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
