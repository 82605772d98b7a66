package io.queryflux.core.internal.trino;

import io.queryflux.spi.QueryFluxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a query's pages say besides their rows: columns, state and timings, error, update count and
 * session changes. Guarded by the query's lock, except the row count, which only the producer writes.
 */
final class QueryStatus
{
    private final List<String> warnings;
    private final long createdNanos;
    private volatile long producedRows;

    private final List<Map.Entry<String, String>> sessionHeaders = new ArrayList<>();
    private String columnsJson;
    private long startedNanos;
    private boolean producerDone;
    private QueryFluxException error;
    private String updateType;
    private Long updateCount;

    QueryStatus(List<String> warnings, long createdNanos)
    {
        this.warnings = List.copyOf(warnings);
        this.createdNanos = createdNanos;
    }

    void started(long nanos)
    {
        startedNanos = nanos;
    }

    /** Whether the query left the queue. */
    boolean isStarted()
    {
        return startedNanos != 0;
    }

    void columns(String json)
    {
        columnsJson = json;
    }

    void updated(String type, long count)
    {
        updateType = type;
        updateCount = count;
    }

    void sessionChanged(Map.Entry<String, String> header)
    {
        sessionHeaders.add(header);
    }

    /** Called by the producer, without the lock. */
    void countRow()
    {
        producedRows++;
    }

    void finished()
    {
        producerDone = true;
    }

    /** The first failure counts, and none after the producer finished. */
    void failed(QueryFluxException failure)
    {
        if (error == null && !producerDone) {
            error = failure;
        }
    }

    /** Whether the producer finished or failed: no page will follow those ready. */
    boolean isOver()
    {
        return error != null || producerDone;
    }

    /** The {@code QueryResults} response for {@code token}, carrying {@code page} (or none). */
    ResponseBody results(String queryId, long token, String baseUri, Page page, boolean terminal)
    {
        boolean queued = startedNanos == 0 && !terminal;
        String state = terminal ? (error != null ? "FAILED" : "FINISHED") : queued ? "QUEUED" : "RUNNING";
        long now = System.nanoTime();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(now - createdNanos);
        long queuedMillis = TimeUnit.NANOSECONDS.toMillis((startedNanos == 0 ? now : startedNanos) - createdNanos);
        ResponseBody body = QueryResultsWriter.write(new QueryResultsWriter.QueryResults(
                queryId,
                TrinoUris.info(baseUri, queryId),
                terminal ? null : TrinoUris.next(baseUri, queryId, queued, token + 1),
                columnsJson,
                page,
                state,
                queuedMillis,
                elapsedMillis,
                producedRows,
                terminal ? error : null,
                updateType,
                updateCount,
                warnings));
        if (!sessionHeaders.isEmpty()) {
            // Trino clients read Set-Catalog and Set-Schema afresh from every page, so once an engine
            // changed the session, every later page says so, as Trino's own pages do.
            body = body.withHeaders(sessionHeaders);
        }
        return body;
    }
}
