package io.queryflux.core.internal.auth;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.testing.TestingBackendFactory;
import io.queryflux.spi.Column;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryEngine;
import io.queryflux.spi.QueryExecution;
import io.queryflux.spi.QueryFluxException;
import io.queryflux.spi.QueryObserver;
import io.queryflux.spi.SessionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineAuthorizationTest
{
    private static final SessionContext SESSION = new SessionContext(SessionContext.TRINO_HTTP, null, null, Map.of(), Map.of());

    private final QueryFlux queryFlux = QueryFlux.builder()
            .config(QueryFluxConfig.builder()
                    .clusterGroup(ClusterGroupConfig.builder("finance", TestingBackendFactory.NAME)
                            .cluster("f1", Map.of())
                            .property("authorization", Map.of("allowUsers", List.of("alice"), "allowGroups", List.of("accountants")))
                            .build())
                    .routingFallback("finance")
                    .auth(AuthConfig.builder("static")
                            .operatorGroup("ops")
                            .property("users", Map.of(
                                    "alice", Map.of("passwordHash", TestingAuth.hash("alice-pw")),
                                    "bob", Map.of("passwordHash", TestingAuth.hash("bob-pw")),
                                    "dave", Map.of("passwordHash", TestingAuth.hash("dave-pw"), "groups", List.of("accountants")),
                                    "olga", Map.of("passwordHash", TestingAuth.hash("olga-pw"), "groups", List.of("ops", "accountants"))))
                            .build())
                    .build())
            .backendFactory(new TestingBackendFactory())
            .build();
    private final QueryEngine engine = queryFlux.engine();

    @AfterEach
    void close()
    {
        queryFlux.close();
    }

    @Test
    void aGroupRunsQueriesOfItsAllowedUsersAndGroupsOnly()
            throws Exception
    {
        assertThat(run(Credentials.basic("alice", "alice-pw"))).isEqualTo("alice");
        assertThat(run(Credentials.basic("dave", "dave-pw"))).isEqualTo("dave");

        assertThatThrownBy(() -> run(Credentials.basic("bob", "bob-pw")))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                .hasMessage("Access Denied: may not use cluster group finance: user bob is not in allowUsers and in none of allowGroups (clusterGroups.finance.authorization)");
        assertThatThrownBy(() -> run(Credentials.basic("bob", "wrong")))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED));
    }

    @Test
    void onlyTheOwnerOrAnOperatorMayActOnAQuery()
    {
        engine.checkQueryAccess("alice", Credentials.basic("alice", "alice-pw"));
        engine.checkQueryAccess("alice", Credentials.basic("olga", "olga-pw"));

        assertThatThrownBy(() -> engine.checkQueryAccess("alice", Credentials.basic("dave", "dave-pw")))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        assertThatThrownBy(() -> engine.checkQueryAccess("alice", Credentials.user("alice")))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED));
    }

    /** Runs {@code rows 1} and returns the user the query ran as. */
    private String run(Credentials credentials)
            throws Exception
    {
        CompletableFuture<Void> done = new CompletableFuture<>();
        QueryExecution execution = engine.submit("rows 1", credentials, SESSION, new QueryObserver()
        {
            @Override
            public void columns(List<Column> columns) {}

            @Override
            public void row(Object[] values) {}

            @Override
            public void updateCount(long count) {}

            @Override
            public void finished()
            {
                done.complete(null);
            }

            @Override
            public void failed(QueryFluxException error)
            {
                done.completeExceptionally(error);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return execution.session().user();
    }
}
