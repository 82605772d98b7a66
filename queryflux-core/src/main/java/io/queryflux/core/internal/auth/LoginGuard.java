package io.queryflux.core.internal.auth;

import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs password checks, which are slow on purpose, so that one client's failures cannot starve the
 * others: a verified user name and password is remembered (by keyed digest, never the password) for
 * {@code cacheTtl}; a user and client address that keeps failing is locked out and refused without
 * hashing; one user and address has at most one check running (identical concurrent logins share
 * it); and at most {@code maxConcurrent} checks run at once, a login waiting at most {@code maxWait}
 * for its turn. The caller's thread runs the check; these bounds keep that short.
 */
public final class LoginGuard
{
    private final CredentialDigest digests = new CredentialDigest();
    private final VerifiedLogins verified;
    private final FailedLogins failures;
    private final Semaphore permits;
    private final long maxWaitNanos;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();

    public LoginGuard(LoginSettings settings)
    {
        this(settings, System::nanoTime);
    }

    LoginGuard(LoginSettings settings, LongSupplier nanoTime)
    {
        this.verified = new VerifiedLogins(settings.cacheTtl().toNanos(), nanoTime);
        this.failures = new FailedLogins(settings.maxFailures(), settings.lockout().toNanos(), settings.maxLockout().toNanos(), nanoTime);
        this.permits = new Semaphore(settings.maxConcurrent(), true);
        this.maxWaitNanos = settings.maxWait().toNanos();
    }

    /** Checks credentials that carry a password with {@code verifier}, within the bounds above. */
    public Principal verify(Credentials credentials, Function<Credentials, Principal> verifier)
    {
        String user = Objects.requireNonNullElse(credentials.user(), "");
        String digest = digests.of(user, credentials.password());
        Principal known = verified.get(digest);
        if (known != null) {
            return known;
        }
        String key = user + '\u0000' + credentials.remoteAddressValue().orElse("unknown");
        long lockedMillis = failures.lockedForMillis(key);
        if (lockedMillis > 0) {
            throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Too many failed logins for user " + user
                    + " from this address; retry in " + TimeUnit.MILLISECONDS.toSeconds(lockedMillis + 999) + " s");
        }
        InFlight mine = new InFlight(digest);
        InFlight running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join(user, digest, maxWaitNanos);
        }
        try {
            Principal principal = check(credentials, verifier, key, digest);
            mine.result.complete(principal);
            return principal;
        }
        catch (RuntimeException e) {
            mine.result.completeExceptionally(e);
            throw e;
        }
        finally {
            inFlight.remove(key, mine);
        }
    }

    private Principal check(Credentials credentials, Function<Credentials, Principal> verifier, String key, String digest)
    {
        acquirePermit();
        try {
            Principal principal = verifier.apply(credentials);
            failures.succeeded(key);
            if (principal != null) {
                verified.put(digest, principal);
            }
            return principal;
        }
        catch (QueryFluxException e) {
            if (e.errorCode() == ErrorCode.AUTHENTICATION_FAILED) {
                failures.failed(key);
            }
            throw e;
        }
        finally {
            permits.release();
        }
    }

    private void acquirePermit()
    {
        try {
            if (!permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new QueryFluxException(ErrorCode.SERVER_OVERLOADED, "Too many logins are being checked at once; retry shortly");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFluxException(ErrorCode.SERVER_SHUTTING_DOWN, "Interrupted while waiting to check a login");
        }
    }

    /** A check running for one user and address; an identical login waits for its outcome. */
    private static final class InFlight
    {
        private final String digest;
        private final CompletableFuture<Principal> result = new CompletableFuture<>();

        private InFlight(String digest)
        {
            this.digest = digest;
        }

        private Principal join(String user, String otherDigest, long maxWaitNanos)
        {
            if (!digest.equals(otherDigest)) {
                // Another password for the same user from the same address, at the same time: a guesser.
                throw new QueryFluxException(ErrorCode.AUTHENTICATION_FAILED, "Another login of user " + user + " from this address is being checked; retry");
            }
            try {
                // Waits for at most one hash: the running check already holds its permit or gives up within maxWait.
                return result.get(maxWaitNanos * 2 + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
            }
            catch (ExecutionException e) {
                if (e.getCause() instanceof QueryFluxException failure) {
                    // A copy: the original carries the other thread's stack.
                    throw new QueryFluxException(failure.errorCode(), failure.getMessage());
                }
                throw new QueryFluxException(ErrorCode.GENERIC_INTERNAL_ERROR, "Login check failed");
            }
            catch (TimeoutException e) {
                throw new QueryFluxException(ErrorCode.SERVER_OVERLOADED, "Login check of user " + user + " takes too long; retry shortly");
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryFluxException(ErrorCode.SERVER_SHUTTING_DOWN, "Interrupted while waiting for a login check");
            }
        }
    }
}
