package io.queryflux.core.internal.trino;

import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.RelayLease;

import java.net.URI;
import java.util.function.Consumer;

/** A submitted statement: becomes a {@link RelayedQuery} once Trino's first nextUri names it. */
final class RelaySubmission
        implements StatementOwner
{
    private final Passthrough cluster;
    private final RelayLease lease;
    private final String user;
    private final Credentials credentials;
    private final Consumer<RelayedQuery> register;
    private volatile RelayedQuery query;

    RelaySubmission(Passthrough cluster, RelayLease lease, String user, Credentials credentials, Consumer<RelayedQuery> register)
    {
        this.cluster = cluster;
        this.lease = lease;
        this.user = user;
        this.credentials = credentials;
        this.register = register;
    }

    @Override
    public String onNextUri(String original, String base)
    {
        if (query == null) {
            String id = TrinoRelay.statementQueryId(URI.create(original).getRawPath())
                    .orElseThrow(() -> new QueryFluxException(ErrorCode.BACKEND_ERROR, "Trino sent an unexpected nextUri: " + original));
            RelayedQuery created = new RelayedQuery(id, cluster, lease, user, credentials);
            register.accept(created);
            query = created;
        }
        return query.onNextUri(original, base);
    }

    @Override
    public Passthrough cluster()
    {
        return cluster;
    }

    @Override
    public String trinoQueryId()
    {
        return query == null ? null : query.trinoQueryId();
    }

    @Override
    public boolean endsOn(int status, String requestPath)
    {
        // Trino refused the statement itself: no query exists that could hold the slot.
        return query == null ? status != 200 : query.endsOn(status, requestPath);
    }

    @Override
    public void ended(QueryFluxException error)
    {
        if (query != null) {
            query.ended(error);
        }
        else if (error == null) {
            lease.finished();
        }
        else {
            lease.failed(error);
        }
    }
}
