package io.queryflux.core.internal.firebolt;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The config of one Firebolt cluster.
 *
 * @param clusterName the cluster, for messages
 * @param endpoint where statements are POSTed, with an explicit port
 * @param database the database used when the client has no current one, or {@code null}
 * @param queryLabelPrefix put before the query id in Firebolt's {@code query_label}, or {@code null}
 * @param connectTimeout how long opening a connection may take
 * @param requestTimeout how long Firebolt may take to start answering a statement
 * @param writeWaitTimeout how long a write waits for the cluster's single write turn
 * @param transactionIdleTimeout how long an explicit transaction may sit idle before it is rolled back
 * @param followEndpoints further endpoints of this cluster that {@code Firebolt-Update-Endpoint} may name
 */
record FireboltSettings(
        String clusterName,
        URI endpoint,
        String database,
        String queryLabelPrefix,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration writeWaitTimeout,
        Duration transactionIdleTimeout,
        List<URI> followEndpoints)
{
    FireboltSettings
    {
        Objects.requireNonNull(clusterName, "clusterName is null");
        Objects.requireNonNull(endpoint, "endpoint is null");
        followEndpoints = List.copyOf(followEndpoints);
    }

    /** Settings with the defaults of every optional key, for tests. */
    static FireboltSettings defaults(String clusterName, URI endpoint)
    {
        return new FireboltSettings(
                clusterName,
                endpoint,
                null,
                null,
                FireboltBackendFactory.DEFAULT_CONNECT_TIMEOUT,
                FireboltBackendFactory.DEFAULT_REQUEST_TIMEOUT,
                FireboltBackendFactory.DEFAULT_WRITE_WAIT_TIMEOUT,
                FireboltBackendFactory.DEFAULT_TRANSACTION_IDLE_TIMEOUT,
                List.of());
    }

    FireboltSettings withDatabase(String database)
    {
        return new FireboltSettings(clusterName, endpoint, database, queryLabelPrefix, connectTimeout, requestTimeout, writeWaitTimeout, transactionIdleTimeout, followEndpoints);
    }

    FireboltSettings withWriteWaitTimeout(Duration timeout)
    {
        return new FireboltSettings(clusterName, endpoint, database, queryLabelPrefix, connectTimeout, requestTimeout, timeout, transactionIdleTimeout, followEndpoints);
    }

    FireboltSettings withTransactionIdleTimeout(Duration timeout)
    {
        return new FireboltSettings(clusterName, endpoint, database, queryLabelPrefix, connectTimeout, requestTimeout, writeWaitTimeout, timeout, followEndpoints);
    }

    FireboltSettings withFollowEndpoints(List<URI> endpoints)
    {
        return new FireboltSettings(clusterName, endpoint, database, queryLabelPrefix, connectTimeout, requestTimeout, writeWaitTimeout, transactionIdleTimeout, endpoints);
    }
}
