package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ResultSink;
import io.queryflux.spi.SessionChange;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the session directives of one 2xx Firebolt response to the Trino client's session (see
 * {@link FireboltSession} for where each piece lives), as {@link SessionChange}s:
 * <ul>
 * <li>{@code database=x} → the client's catalog becomes {@code x};
 * <li>{@code transaction_id} set → the proxy keeps the transaction and hands its own id to the client;
 *     {@code transaction_sequence_id} is kept with it; {@code transaction_id} removed → the client's
 *     transaction is cleared and its write turn freed;
 * <li>other parameters → session property {@code firebolt.<name>} set or cleared;
 * <li>an endpoint of the same cluster → session property {@value FireboltSession#ENDPOINT_PROPERTY}.
 * </ul>
 * Removing {@code database} has no SessionChange of its own (Trino clients cannot unset a catalog):
 * the catalog becomes the cluster's default database when one is configured (which is what a request
 * without a catalog uses), else the empty string, which clients send back and QueryFlux reads as none.
 * {@code Firebolt-Reset-Session} does all of the removals. The write turns of ended transactions are
 * released by {@link #finish()}, after the response has been read to its end.
 */
final class SessionUpdater
{
    private final FireboltSession session;
    private final FireboltTransactions transactions;
    private final String defaultDatabase;
    private final URI configuredEndpoint;
    private final ResultSink sink;
    private final List<FireboltTransaction> claimed = new ArrayList<>();
    private final List<WriteTurn.Turn> endedTurns = new ArrayList<>();
    private FireboltTransaction transaction;

    SessionUpdater(FireboltSession session, FireboltTransaction transaction, FireboltTransactions transactions, String defaultDatabase, URI configuredEndpoint, ResultSink sink)
    {
        this.session = session;
        this.transaction = transaction;
        this.transactions = transactions;
        this.defaultDatabase = defaultDatabase;
        this.configuredEndpoint = configuredEndpoint;
        this.sink = sink;
        if (transaction != null) {
            claimed.add(transaction);
        }
    }

    /** Applies a response's directives; {@code movedTo} is its endpoint, already checked, or {@code null}. */
    void apply(FireboltResponseHeaders headers, URI movedTo)
    {
        if (headers.reset()) {
            clearCatalog();
            endTransaction();
            session.propertyNames().forEach(name -> sink.sessionChanged(SessionChange.clearProperty(name)));
        }
        for (String key : headers.removed()) {
            switch (key) {
                case "database" -> clearCatalog();
                case "transaction_id" -> endTransaction();
                case "transaction_sequence_id" -> {
                    if (transaction != null) {
                        transaction.sequenceId(null);
                    }
                }
                default -> {
                    if (!FireboltSession.RESERVED_PARAMETERS.contains(key)) {
                        sink.sessionChanged(SessionChange.clearProperty(FireboltSession.PROPERTY_PREFIX + key));
                    }
                }
            }
        }
        Map<String, String> updated = new LinkedHashMap<>(headers.updated());
        if (movedTo != null) {
            moveEndpoint(movedTo);
            updated.putAll(FireboltResponseHeaders.endpointParameters(headers.endpoint()));
        }
        // The transaction first: its sequence id may come before it in the header.
        if (updated.containsKey("transaction_id")) {
            startTransaction(updated.remove("transaction_id"));
        }
        updated.forEach(this::update);
    }

    /** The statement is over: frees the write turns of the transactions it ended, unclaims the others. */
    void finish()
    {
        endedTurns.forEach(WriteTurn.Turn::release);
        endedTurns.clear();
        claimed.forEach(transactions::unclaim);
        claimed.clear();
    }

    private void update(String key, String value)
    {
        switch (key) {
            case "database" -> sink.sessionChanged(SessionChange.setCatalog(value));
            case "transaction_sequence_id" -> {
                if (transaction != null) {
                    transaction.sequenceId(value);
                }
            }
            default -> {
                if (!FireboltSession.RESERVED_PARAMETERS.contains(key)) {
                    sink.sessionChanged(SessionChange.setProperty(FireboltSession.PROPERTY_PREFIX + key, value));
                }
            }
        }
    }

    private void startTransaction(String fireboltId)
    {
        if (transaction != null) {
            // A transaction the client already has: Firebolt renamed it.
            transaction.fireboltId(fireboltId);
            return;
        }
        transaction = transactions.begin(fireboltId);
        claimed.add(transaction);
        sink.sessionChanged(SessionChange.startedTransaction(transaction.id()));
    }

    private void endTransaction()
    {
        if (transaction == null) {
            return;
        }
        WriteTurn.Turn turn = transactions.end(transaction);
        if (turn != null) {
            endedTurns.add(turn);
        }
        transaction = null;
        sink.sessionChanged(SessionChange.clearTransaction());
    }

    private void clearCatalog()
    {
        sink.sessionChanged(SessionChange.setCatalog(defaultDatabase == null ? "" : defaultDatabase));
    }

    private void moveEndpoint(URI movedTo)
    {
        if (movedTo.equals(configuredEndpoint)) {
            if (session.endpoint() != null) {
                sink.sessionChanged(SessionChange.clearProperty(FireboltSession.ENDPOINT_PROPERTY));
            }
        }
        else {
            sink.sessionChanged(SessionChange.setProperty(FireboltSession.ENDPOINT_PROPERTY, movedTo.toString()));
        }
    }
}
