package io.queryflux.core.internal.firebolt;

/**
 * An explicit Firebolt transaction kept by the proxy for a Trino client, which knows it only by
 * {@link #id()}. Firebolt's own {@code transaction_id} and {@code transaction_sequence_id} (which may
 * change with every statement) stay here. A statement that runs in the transaction has claimed it
 * from {@link FireboltTransactions}, so the mutable state is touched by one thread at a time; the
 * claim and release go through the registry's lock, which publishes the changes.
 */
final class FireboltTransaction
{
    private final String id;
    private String fireboltId;
    private String sequenceId;
    private WriteTurn.Turn turn;
    private boolean claimed;
    private boolean ended;
    private long lastUsedNanos;

    FireboltTransaction(String id, String fireboltId, long nowNanos)
    {
        this.id = id;
        this.fireboltId = fireboltId;
        this.lastUsedNanos = nowNanos;
    }

    /** The id the Trino client knows (X-Trino-Transaction-Id). */
    String id()
    {
        return id;
    }

    String fireboltId()
    {
        return fireboltId;
    }

    void fireboltId(String fireboltId)
    {
        this.fireboltId = fireboltId;
    }

    /** Firebolt's {@code transaction_sequence_id}, or {@code null}. */
    String sequenceId()
    {
        return sequenceId;
    }

    void sequenceId(String sequenceId)
    {
        this.sequenceId = sequenceId;
    }

    /** Whether the transaction has written, and so holds the cluster's write turn until it ends. */
    boolean holdsTurn()
    {
        return turn != null;
    }

    void holdTurn(WriteTurn.Turn turn)
    {
        this.turn = turn;
    }

    // The rest is guarded by the registry.

    WriteTurn.Turn takeTurn()
    {
        WriteTurn.Turn taken = turn;
        turn = null;
        return taken;
    }

    boolean claimed()
    {
        return claimed;
    }

    void claimed(boolean claimed, long nowNanos)
    {
        this.claimed = claimed;
        this.lastUsedNanos = nowNanos;
    }

    boolean ended()
    {
        return ended;
    }

    void end()
    {
        ended = true;
    }

    long lastUsedNanos()
    {
        return lastUsedNanos;
    }
}
