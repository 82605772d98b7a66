package io.queryflux.core.internal.auth;

import io.queryflux.spi.Principal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Credentials verified recently, by {@link CredentialDigest}, so that a client that sends its password
 * with every poll (as Trino clients do) costs one slow hash per {@code ttl}, not one per request.
 */
final class VerifiedLogins
{
    private static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedLogins(long ttlNanos, LongSupplier nanoTime)
    {
        this.ttlNanos = ttlNanos;
        this.nanoTime = nanoTime;
    }

    Principal get(String digest)
    {
        Entry entry = entries.get(digest);
        if (entry == null) {
            return null;
        }
        if (nanoTime.getAsLong() - entry.verifiedNanos() > ttlNanos) {
            entries.remove(digest, entry);
            return null;
        }
        return entry.principal();
    }

    void put(String digest, Principal principal)
    {
        if (ttlNanos <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> now - entry.verifiedNanos() > ttlNanos);
            if (entries.size() >= MAX_ENTRIES) {
                // Still full of live entries: verify again next time rather than grow without bound.
                return;
            }
        }
        entries.put(digest, new Entry(principal, now));
    }

    private record Entry(Principal principal, long verifiedNanos) {}
}
