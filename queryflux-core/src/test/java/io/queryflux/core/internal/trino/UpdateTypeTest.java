package io.queryflux.core.internal.trino;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateTypeTest
{
    @Test
    void takesTheVerbAndForDdlTheObjectKind()
    {
        assertThat(UpdateType.of("insert into t values (1)")).isEqualTo("INSERT");
        assertThat(UpdateType.of("  -- comment\n/* block */ DELETE FROM t")).isEqualTo("DELETE");
        assertThat(UpdateType.of("CREATE TABLE t (a int)")).isEqualTo("CREATE TABLE");
        assertThat(UpdateType.of("create or replace view v as select 1")).isEqualTo("CREATE VIEW");
        assertThat(UpdateType.of("DROP TABLE IF EXISTS t")).isEqualTo("DROP TABLE");
        assertThat(UpdateType.of("create unique index i on t (a)")).isEqualTo("CREATE INDEX");
        assertThat(UpdateType.of("")).isEqualTo("UNKNOWN");
    }
}
