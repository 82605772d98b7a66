package io.queryflux.core.internal.trino;

import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryFluxException;

/** Who a relayed statement page belongs to: a submission not yet known by id, or a known query. */
interface StatementOwner
{
    String onNextUri(String original, String base);

    Passthrough cluster();

    String trinoQueryId();

    /** The query ended: normally ({@code error == null}) or with an error. */
    void ended(QueryFluxException error);

    /** Whether Trino's non-200 answer to a request for {@code requestPath} means the query is over. */
    boolean endsOn(int status, String requestPath);
}
