package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The open explicit transactions of one Firebolt cluster, by the id their Trino client knows. A
 * transaction idle for longer than the timeout is forgotten, its write turn freed and Firebolt told to
 * roll it back, so an abandoned client cannot block every writer of the cluster.
 */
final class FireboltTransactions
        implements AutoCloseable
{
    private final String clusterName;
    private final Duration idleTimeout;
    private final Consumer<FireboltTransaction> rollBack;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService sweeper;
    private final Map<String, FireboltTransaction> open = new HashMap<>(); // guarded by this

    FireboltTransactions(String clusterName, Duration idleTimeout, Consumer<FireboltTransaction> rollBack, LongSupplier nanoTime)
    {
        this.clusterName = clusterName;
        this.idleTimeout = idleTimeout;
        this.rollBack = rollBack;
        this.nanoTime = nanoTime;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "queryflux-firebolt-transactions-" + clusterName);
            thread.setDaemon(true);
            return thread;
        });
        // Idle transactions end within a quarter of the timeout after it passes, checked at most every second.
        long interval = Math.max(10, Math.min(idleTimeout.toMillis() / 4, 1000));
        sweeper.scheduleWithFixedDelay(this::expireIdle, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Registers a transaction Firebolt has just begun, claimed by the statement that began it. */
    synchronized FireboltTransaction begin(String fireboltId)
    {
        FireboltTransaction transaction = new FireboltTransaction(UUID.randomUUID().toString(), fireboltId, nanoTime.getAsLong());
        transaction.claimed(true, nanoTime.getAsLong());
        open.put(transaction.id(), transaction);
        return transaction;
    }

    /** Claims the transaction for one statement; unknown, expired and busy transactions are errors. */
    synchronized FireboltTransaction claim(String id)
    {
        FireboltTransaction transaction = open.get(id);
        if (transaction == null) {
            throw new QueryFluxException(ErrorCode.UNKNOWN_TRANSACTION, "Transaction " + id + " is unknown to Firebolt cluster " + clusterName
                    + ": it ended, was idle for more than " + idleTimeout.toMillis() + " ms (transactionIdleTimeout), or began on another cluster or QueryFlux server");
        }
        if (transaction.claimed()) {
            throw new QueryFluxException(ErrorCode.TRANSACTION_CONFLICT, "Transaction " + id + " is running another statement; a transaction runs one statement at a time");
        }
        transaction.claimed(true, nanoTime.getAsLong());
        return transaction;
    }

    /** The statement that claimed the transaction has finished with it; its idle time starts now. */
    synchronized void unclaim(FireboltTransaction transaction)
    {
        if (!transaction.ended()) {
            transaction.claimed(false, nanoTime.getAsLong());
        }
    }

    /** Forgets the transaction; returns its write turn for the caller to release, or {@code null}. */
    synchronized WriteTurn.Turn end(FireboltTransaction transaction)
    {
        open.remove(transaction.id());
        transaction.end();
        return transaction.takeTurn();
    }

    synchronized int size()
    {
        return open.size();
    }

    /**
     * Forgets the transactions idle for too long and hands them to the roll-back action. An expired
     * transaction keeps its write turn until the roll-back has ended it on the engine (see
     * {@link #releaseTurn}): a writer let in earlier would meet the still active transaction there.
     */
    void expireIdle()
    {
        List<FireboltTransaction> expired = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            for (Iterator<FireboltTransaction> iterator = open.values().iterator(); iterator.hasNext(); ) {
                FireboltTransaction transaction = iterator.next();
                if (!transaction.claimed() && now - transaction.lastUsedNanos() > idleTimeout.toNanos()) {
                    iterator.remove();
                    transaction.end();
                    expired.add(transaction);
                }
            }
        }
        expired.forEach(rollBack);
    }

    /** Frees the write turn of a forgotten transaction once the engine has ended it. */
    synchronized void releaseTurn(FireboltTransaction transaction)
    {
        WriteTurn.Turn turn = transaction.takeTurn();
        if (turn != null) {
            turn.release();
        }
    }

    /** Stops expiring and hands every open transaction to the roll-back action. */
    @Override
    public void close()
    {
        sweeper.shutdownNow();
        List<FireboltTransaction> remaining;
        synchronized (this) {
            remaining = List.copyOf(open.values());
            open.clear();
            remaining.forEach(FireboltTransaction::end);
        }
        remaining.forEach(rollBack);
    }
}
