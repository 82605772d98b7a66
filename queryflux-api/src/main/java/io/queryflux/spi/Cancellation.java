package io.queryflux.spi;

/**
 * Tells a backend that its query was cancelled: by the client, because the client went away, or
 * by a timeout.
 */
public interface Cancellation
{
    boolean isCancelled();

    /**
     * Runs {@code action} once when the query is cancelled, on the cancelling thread; runs it at once
     * when the query is already cancelled. Typical action: {@code java.sql.Statement::cancel}.
     */
    void onCancel(Runnable action);
}
