package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.SessionContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FireboltSessionTest
{
    @Test
    void readsTheFireboltSessionFromTrinoHeaders()
    {
        FireboltSession session = FireboltSession.of(new SessionContext(SessionContext.TRINO_HTTP, "u", "sales", Map.of(), Map.of(
                "X-Trino-Transaction-Id", "tx-1",
                "X-Trino-Session", "firebolt.timezone=Europe%2FBerlin,query_tags=a,firebolt.transaction_id=stolen,firebolt_endpoint=http%3A%2F%2Fhost%3A3473%2F")));

        assertThat(session.catalog()).isEqualTo("sales");
        assertThat(session.transactionId()).isEqualTo("tx-1");
        assertThat(session.parameters()).containsExactly(Map.entry("timezone", "Europe/Berlin"));
        assertThat(session.endpoint()).isEqualTo("http://host:3473/");
        assertThat(session.propertyNames()).containsExactlyInAnyOrder("firebolt.timezone", "firebolt.transaction_id");
    }

    @Test
    void noneMeansNoTransaction()
    {
        FireboltSession session = FireboltSession.of(new SessionContext(SessionContext.TRINO_HTTP, "u", null, Map.of(), Map.of("X-Trino-Transaction-Id", "NONE")));

        assertThat(session.transactionId()).isNull();
        assertThat(session.catalog()).isNull();
        assertThat(session.parameters()).isEmpty();
    }
}
