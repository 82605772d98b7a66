package io.queryflux.spi;

import java.util.Optional;

/**
 * The engine as frontends see it: it authenticates, routes, admits and runs queries.
 */
public interface QueryEngine
{
    /**
     * Submits a query. Returns at once; the query is queued when its group is full and the observer
     * follows its progress.
     *
     * @param sql the SQL text
     * @param credentials what the client presented
     * @param session the client's session; its user is replaced by the authenticated one
     * @throws QueryFluxException when the query is refused before it gets an id: authentication
     *         failed ({@link ErrorCode#AUTHENTICATION_FAILED}), routing denied it
     *         ({@link ErrorCode#PERMISSION_DENIED}) or the queue is full
     *         ({@link ErrorCode#QUERY_QUEUE_FULL})
     */
    QueryExecution submit(String sql, Credentials credentials, SessionContext session, QueryObserver observer);

    /**
     * Authenticates a client without running a query, for statements a frontend answers itself.
     *
     * @return the authenticated user, or {@code null} for an anonymous client where that is allowed
     * @throws QueryFluxException {@link ErrorCode#AUTHENTICATION_FAILED}
     */
    String authenticate(Credentials credentials);

    /**
     * Authenticates a client that acts on an existing query (polls it, heartbeats, cancels it) and
     * checks that it may: only the user who submitted the query, or an operator, may.
     *
     * @param owner the user the query runs as ({@link QueryExecution#session()}'s user), or
     *        {@code null} for an anonymous query, which anyone holding its URI may act on
     * @throws QueryFluxException {@link ErrorCode#AUTHENTICATION_FAILED} when the credentials are
     *         wrong, {@link ErrorCode#PERMISSION_DENIED} when the query belongs to someone else
     */
    void checkQueryAccess(String owner, Credentials credentials);

    /** A query that has been submitted and not yet forgotten, by id. */
    Optional<QueryExecution> query(String queryId);

    /**
     * A cluster speaking {@code session}'s protocol in the group that a query from this session would
     * be routed to, if that group has one; e.g. so that {@code /v1/info} shows the real Trino version.
     */
    Optional<Passthrough> passthrough(SessionContext session);
}
