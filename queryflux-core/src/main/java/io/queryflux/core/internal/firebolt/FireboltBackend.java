package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.Backend;
import io.queryflux.spi.Cancellation;
import io.queryflux.spi.Column;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.ResultSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One Firebolt Core cluster. Each statement is one POST whose streamed answer flows into the sink
 * (see {@link FireboltResultReader}); the session Firebolt keeps in its clients lives in the Trino
 * client's session (see {@link FireboltSession} and {@link SessionUpdater}); writes take turns on the
 * cluster's {@link WriteTurn}, because the engine allows one write transaction at a time and fails a
 * second one instead of queueing it.
 */
final class FireboltBackend
        implements Backend
{
    static final UnaryOperator<InputStream> UNTAPPED = UnaryOperator.identity();
    private static final Logger log = LoggerFactory.getLogger(FireboltBackend.class);
    private static final Cancellation NEVER_CANCELLED = new Cancellation()
    {
        @Override
        public boolean isCancelled()
        {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {}
    };

    private final FireboltSettings settings;
    private final HttpClient client;
    private final EndpointPolicy endpoints;
    private final FireboltExchange exchange;
    private final WriteTurn writeTurn;
    private final FireboltTransactions transactions;

    FireboltBackend(FireboltSettings settings, HttpClient client, UnaryOperator<InputStream> bodyTap)
    {
        this.settings = settings;
        this.client = client;
        this.endpoints = new EndpointPolicy(settings.clusterName(), settings.endpoint(), settings.followEndpoints());
        this.exchange = new FireboltExchange(settings.clusterName(), client, bodyTap);
        this.writeTurn = new WriteTurn(settings.clusterName());
        this.transactions = new FireboltTransactions(settings.clusterName(), settings.transactionIdleTimeout(), this::rollBackQuietly, System::nanoTime);
    }

    @Override
    public void execute(QueryRequest query, ResultSink sink, Cancellation cancellation)
    {
        if (cancellation.isCancelled()) {
            throw FireboltHttpCall.canceled();
        }
        FireboltStatement statement = FireboltStatement.of(query.sql());
        FireboltSession session = FireboltSession.of(query.session());
        URI endpoint = endpoints.sessionEndpoint(session.endpoint());
        FireboltTransaction transaction = session.transactionId() == null ? null : transactions.claim(session.transactionId());
        SessionUpdater updater = new SessionUpdater(session, transaction, transactions, settings.database(), endpoints.configured(), sink);
        WriteTurn.Turn statementTurn = null;
        try {
            statementTurn = takeWriteTurn(statement, transaction, cancellation);
            HttpRequest request = FireboltRequests.post(endpoint, parameters(session, transaction, query.queryId()), statement.sqlToSend(), settings.requestTimeout());
            WriteConflictRetry.run(
                    () -> exchange.run(request, statement, headers -> applySessionHeaders(headers, updater), sink, cancellation),
                    statement,
                    settings.writeWaitTimeout(),
                    cancellation);
        }
        finally {
            // The turn is given up only now that the whole answer was read: the write is over.
            if (statementTurn != null) {
                statementTurn.release();
            }
            updater.finish();
        }
    }

    @Override
    public void checkHealth(Duration timeout)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (settings.database() != null) {
            parameters.put("database", settings.database());
        }
        parameters.put("output_format", FireboltRequests.DOCUMENT_FORMAT);
        HttpRequest request = FireboltRequests.post(settings.endpoint(), parameters, "SELECT 1", timeout);
        ProbeSink probe = new ProbeSink();
        exchange.run(request, FireboltStatement.of("SELECT 1"), headers -> {}, probe, NEVER_CANCELLED);
        if (probe.rows != 1) {
            throw new QueryFluxException(ErrorCode.BACKEND_ERROR, "Firebolt cluster " + settings.clusterName() + " answered SELECT 1 with " + probe.rows + " rows");
        }
    }

    @Override
    public void close()
    {
        transactions.close();
    }

    /** How many writes wait for this cluster's write turn, for tests. */
    int waitingWrites()
    {
        return writeTurn.waiting();
    }

    /** How many explicit transactions are open, for tests. */
    int openTransactions()
    {
        return transactions.size();
    }

    /** The turn this statement must release, or {@code null}; a transaction keeps its turn until it ends. */
    private WriteTurn.Turn takeWriteTurn(FireboltStatement statement, FireboltTransaction transaction, Cancellation cancellation)
    {
        if (statement.kind() != FireboltStatement.Kind.WRITE) {
            return null;
        }
        if (transaction == null) {
            return writeTurn.acquire(settings.writeWaitTimeout(), cancellation);
        }
        if (!transaction.holdsTurn()) {
            transaction.holdTurn(writeTurn.acquire(settings.writeWaitTimeout(), cancellation));
        }
        return null;
    }

    private Map<String, String> parameters(FireboltSession session, FireboltTransaction transaction, String queryId)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        String database = session.catalog() != null ? session.catalog() : settings.database();
        if (database != null) {
            parameters.put("database", database);
        }
        if (transaction != null) {
            parameters.put("transaction_id", transaction.fireboltId());
            if (transaction.sequenceId() != null) {
                parameters.put("transaction_sequence_id", transaction.sequenceId());
            }
        }
        parameters.putAll(session.parameters());
        parameters.put("query_label", settings.queryLabelPrefix() == null ? queryId : settings.queryLabelPrefix() + queryId);
        parameters.put("output_format", FireboltRequests.STREAMING_FORMAT);
        return parameters;
    }

    private void applySessionHeaders(HttpHeaders headers, SessionUpdater updater)
    {
        FireboltResponseHeaders directives = FireboltResponseHeaders.of(headers);
        if (directives.isEmpty()) {
            return;
        }
        // Checked before anything is applied: a refused move changes nothing.
        URI movedTo = directives.endpoint() == null ? null : endpoints.follow(directives.endpoint());
        updater.apply(directives, movedTo);
    }

    /**
     * Ends an abandoned transaction on the engine (the proxy has already forgotten it), then gives its
     * write turn to the next writer, also when the engine cannot be reached.
     */
    private void rollBackQuietly(FireboltTransaction transaction)
    {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("transaction_id", transaction.fireboltId());
        if (transaction.sequenceId() != null) {
            parameters.put("transaction_sequence_id", transaction.sequenceId());
        }
        HttpRequest request = FireboltRequests.post(settings.endpoint(), parameters, "ROLLBACK", settings.requestTimeout());
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            transactions.releaseTurn(transaction);
            if (failure != null || response.statusCode() / 100 != 2) {
                log.warn("Could not roll back idle transaction {} on Firebolt cluster {}: {}", transaction.id(), settings.clusterName(),
                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
            }
        });
    }

    /** Counts the rows of a health probe. */
    private static final class ProbeSink
            implements ResultSink
    {
        private long rows;

        @Override
        public void columns(List<Column> columns) {}

        @Override
        public void row(Object[] values)
        {
            rows++;
        }

        @Override
        public void updateCount(long count) {}
    }
}
