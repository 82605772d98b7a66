package io.queryflux.examples.router;

import io.queryflux.spi.RoutingDecision;
import io.queryflux.spi.SessionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadOnlyRouterTest
{
    private static final SessionContext SESSION = new SessionContext(SessionContext.TRINO_HTTP, "alice", null, Map.of(), Map.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select * from t",
            "  \n\tWITH t AS (SELECT 1) SELECT * FROM t",
            "-- a dashboard\nSELECT 1",
            "/* a dashboard */ SELECT 1",
            "(SELECT 1) UNION ALL (SELECT 2)",
            "SHOW TABLES",
            "DESCRIBE t",
            "EXPLAIN SELECT 1",
            "VALUES 1, 2"})
    void readsGoToTheTargetGroup(String sql)
    {
        RoutingDecision decision = new ReadOnlyRouter("replicas", true).route(sql, SESSION);

        assertThat(decision.kind()).isEqualTo(RoutingDecision.Kind.ROUTE);
        assertThat(decision.group()).isEqualTo("replicas");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO t VALUES 1",
            "update t set a = 1",
            "DELETE FROM t",
            "CREATE TABLE t (a int)",
            "-- looks harmless\nDROP TABLE t",
            "SET SESSION x = 1",
            "SELECTED"})
    void writesAreDeniedWhenAsked(String sql)
    {
        RoutingDecision decision = new ReadOnlyRouter("replicas", true).route(sql, SESSION);

        assertThat(decision.kind()).isEqualTo(RoutingDecision.Kind.DENY);
        assertThat(decision.reason()).endsWith("statements are not allowed, only reads are");
    }

    @Test
    void denialNamesTheStatement()
    {
        assertThat(new ReadOnlyRouter("replicas", true).route("  insert into t values 1", SESSION).reason())
                .isEqualTo("INSERT statements are not allowed, only reads are");
    }

    @Test
    void writesAreLeftToTheNextRouterByDefault()
    {
        assertThat(new ReadOnlyRouter("replicas", false).route("INSERT INTO t VALUES 1", SESSION)).isEqualTo(RoutingDecision.noOpinion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-- only a comment", "/* unterminated", "42", "\"quoted\""})
    void statementsWithoutAKeywordGetNoOpinion(String sql)
    {
        assertThat(new ReadOnlyRouter("replicas", true).route(sql, SESSION)).isEqualTo(RoutingDecision.noOpinion());
    }
}
