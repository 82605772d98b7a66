package io.queryflux.core.internal.engine;

import io.queryflux.core.internal.auth.AccessControl;
import io.queryflux.core.internal.auth.AccessRefused;
import io.queryflux.core.internal.auth.Authentication;
import io.queryflux.core.internal.auth.QueryOwnership;
import io.queryflux.core.internal.routing.TagParser;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Passthrough;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryEngine;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryObserver;
import io.queryflux.spi.QueryRequest;
import io.queryflux.spi.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The dispatch pipeline: authenticate, route, authorize, admit, run. Steps that refuse a query before
 * it is queued throw; everything after reaches the query's observer.
 */
public final class DispatchingQueryEngine
        implements QueryEngine
{
    private static final Logger log = LoggerFactory.getLogger(DispatchingQueryEngine.class);

    private final Authentication authentication;
    private final AccessControl access;
    private final RouterChain routers;
    private final Map<String, ClusterGroup> groups;
    private final QueryIdGenerator ids;
    private final Executor executor;
    private final Map<String, ManagedQuery> queries = new ConcurrentHashMap<>();

    public DispatchingQueryEngine(Authentication authentication, AccessControl access, RouterChain routers, Map<String, ClusterGroup> groups, QueryIdGenerator ids, Executor executor)
    {
        this.authentication = authentication;
        this.access = access;
        this.routers = routers;
        this.groups = Map.copyOf(groups);
        this.ids = ids;
        this.executor = executor;
    }

    @Override
    public QueryExecution submit(String sql, Credentials credentials, SessionContext session, QueryObserver observer)
    {
        Principal principal = authentication.authenticate(credentials);
        String user = principal == null ? null : principal.user();
        SessionContext authenticated = new SessionContext(session.protocol(), user, session.database(), session.tags(), session.extra());
        RoutingTrace trace = routers.route(sql, authenticated);
        log.debug("Routing for user {}: {}", user, trace);
        if (trace.denied()) {
            throw new QueryFluxException(ErrorCode.PERMISSION_DENIED, "Query denied by " + trace.decidedBy() + ": " + trace.reason());
        }
        ClusterGroup group = groups.get(trace.group());
        if (group == null) {
            throw new QueryFluxException(ErrorCode.NO_NODES_AVAILABLE, trace.decidedBy() + " routed to unknown cluster group '" + trace.group() + "'");
        }
        Optional<AccessControl.Denial> denial = access.checkGroupAccess(principal, group.name());
        if (denial.isPresent()) {
            log.debug("Routing for user {}: {}", user, trace.refusedBy(denial.get().rule(), denial.get().reason()));
            throw AccessRefused.forbidden("may not use cluster group " + group.name() + ": " + denial.get().reason() + " (" + denial.get().rule() + ")");
        }
        SessionContext tagged = group.defaultTags().isEmpty() ? authenticated
                : new SessionContext(authenticated.protocol(), user, authenticated.database(), TagParser.merge(group.defaultTags(), authenticated.tags()), authenticated.extra());
        ManagedQuery query = new ManagedQuery(new QueryRequest(ids.next(), sql, tagged), trace, group, observer, executor, done -> queries.remove(done.queryId()));
        queries.put(query.queryId(), query);
        try {
            query.admit();
        }
        catch (RuntimeException e) {
            queries.remove(query.queryId());
            throw e;
        }
        return query;
    }

    @Override
    public String authenticate(Credentials credentials)
    {
        Principal principal = authentication.authenticate(credentials);
        return principal == null ? null : principal.user();
    }

    @Override
    public void checkQueryAccess(String owner, Credentials credentials)
    {
        QueryOwnership.check(owner, authentication.authenticate(credentials), authentication.verifiesIdentity(), access);
    }

    @Override
    public Optional<QueryExecution> query(String queryId)
    {
        return Optional.ofNullable(queries.get(queryId));
    }

    @Override
    public Optional<Passthrough> passthrough(SessionContext session)
    {
        RoutingTrace trace;
        try {
            trace = routers.route("", session);
        }
        catch (QueryFluxException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(trace.group()).map(groups::get).stream()
                .flatMap(group -> group.clusters().stream())
                .flatMap(cluster -> cluster.backend().passthrough().stream())
                .filter(passthrough -> passthrough.protocol().equals(session.protocol()))
                .findFirst();
    }

    public Optional<ClusterGroup> group(String name)
    {
        return Optional.ofNullable(groups.get(name));
    }

    /** Stops every query still queued or running; used at shutdown. */
    public void cancelAll(String reason)
    {
        List.copyOf(queries.values()).forEach(query -> query.terminate(new QueryFluxException(ErrorCode.SERVER_SHUTTING_DOWN, reason)));
    }
}
