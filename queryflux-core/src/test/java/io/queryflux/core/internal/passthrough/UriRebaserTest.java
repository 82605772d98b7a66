package io.queryflux.core.internal.passthrough;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UriRebaserTest
{
    @Test
    void keepsTheTrinoPathFromV1AndTheQuery()
    {
        UriRebaser rebaser = new UriRebaser("http://proxy:8080");

        assertThat(rebaser.map("http://coordinator:8080/v1/statement/executing/q1/y2/3?maxWait=1s&targetResultSize=16MB"))
                .isEqualTo("http://proxy:8080/v1/statement/executing/q1/y2/3?maxWait=1s&targetResultSize=16MB");
        assertThat(rebaser.map("https://10.0.0.7/v1/statement/queued/q1/y2/1")).isEqualTo("http://proxy:8080/v1/statement/queued/q1/y2/1");
        assertThat(rebaser.map("/v1/spooled/download/abc")).isEqualTo("http://proxy:8080/v1/spooled/download/abc");
    }

    @Test
    void dropsAPrefixBeforeV1AndAddsTheBasePath()
    {
        UriRebaser rebaser = new UriRebaser("https://gateway.example.com/qf/cluster-a/");

        assertThat(rebaser.map("http://coordinator:8080/trino/v1/statement/executing/q1/y2/3"))
                .isEqualTo("https://gateway.example.com/qf/cluster-a/v1/statement/executing/q1/y2/3");
    }

    @Test
    void keepsPercentEncoding()
    {
        assertThat(new UriRebaser("http://proxy").map("http://c/v1/spooled/ack/a%2Fb?x=%20y"))
                .isEqualTo("http://proxy/v1/spooled/ack/a%2Fb?x=%20y");
    }

    @Test
    void refusesAUriWithoutV1()
    {
        UriRebaser rebaser = new UriRebaser("http://proxy:8080");

        assertThatThrownBy(() -> rebaser.map("http://coordinator:8080/ui/query.html?q1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Trino URI has no /v1/ in its path: http://coordinator:8080/ui/query.html?q1");
        assertThatThrownBy(() -> rebaser.map("http://coordinator:8080/v1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rebaser.map("http://coordinator:8080/x?next=/v1/statement"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rebaser.map("http://bad host/v1/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid Trino URI");
    }

    @Test
    void refusesABaseThatIsNotAnAbsoluteHttpUri()
    {
        for (String base : new String[] {"proxy:8080", "/v1", "ftp://proxy", "http://proxy/?a=b", "http://proxy/#f", "http:///x"}) {
            assertThatThrownBy(() -> new UriRebaser(base)).as(base).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onlyFromRebasesTheCoordinatorsUrisAndKeepsOthers()
    {
        UriMapper mapper = new UriRebaser("http://proxy:8080").onlyFrom("http://coordinator:8080");

        assertThat(mapper.map("http://COORDINATOR:8080/v1/spooled/download/1")).isEqualTo("http://proxy:8080/v1/spooled/download/1");
        assertThat(mapper.map("https://bucket.s3.amazonaws.com/v1/spooled/1")).isEqualTo("https://bucket.s3.amazonaws.com/v1/spooled/1");
        assertThat(mapper.map("http://coordinator:8081/v1/spooled/download/1")).isEqualTo("http://coordinator:8081/v1/spooled/download/1");
        assertThat(mapper.map("not a uri")).isEqualTo("not a uri");
        assertThat(new UriRebaser("http://proxy").onlyFrom("http://coordinator").map("http://coordinator:80/v1/x"))
                .isEqualTo("http://proxy/v1/x");
        assertThatThrownBy(() -> new UriRebaser("http://proxy").onlyFrom("coordinator:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be absolute");
    }
}
