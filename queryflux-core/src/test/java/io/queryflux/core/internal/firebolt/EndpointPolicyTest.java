package io.queryflux.core.internal.firebolt;

import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointPolicyTest
{
    private final EndpointPolicy policy = new EndpointPolicy("c1", EndpointPolicy.parse("http://firebolt:3473"), List.of(EndpointPolicy.parse("http://firebolt-2")));

    @Test
    void parsesConfiguredEndpointsWithFireboltsDefaultPort()
    {
        assertThat(EndpointPolicy.parse("http://firebolt")).isEqualTo(URI.create("http://firebolt:3473/"));
        assertThat(EndpointPolicy.parse("HTTPS://Firebolt:8443/engine")).isEqualTo(URI.create("https://Firebolt:8443/engine"));
        assertThatThrownBy(() -> EndpointPolicy.parse("firebolt:3473")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointPolicy.parse("http://user:secret@firebolt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointPolicy.parse("http://firebolt/?database=x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://firebolt:3473/", "http://FIREBOLT:3473/engines/a?database=x", "http://firebolt-2:3473", "http://firebolt:3473"})
    void followsEndpointsOfTheCluster(String endpoint)
    {
        assertThat(policy.follow(endpoint).getHost()).isIn("firebolt", "FIREBOLT", "firebolt-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://attacker.example:3473/",
            "http://firebolt:8080/",
            "http://firebolt/",
            "https://firebolt:3473/",
            "http://user@firebolt:3473/",
            "file:///etc/passwd",
            "/relative",
            "not a url",
    })
    void refusesEverythingElse(String endpoint)
    {
        assertThatThrownBy(() -> policy.follow(endpoint))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.BACKEND_ERROR);
                    assertThat(e.getMessage()).contains("QueryFlux does not follow it");
                });
    }

    @Test
    void dropsTheQueryStringOfAFollowedEndpoint()
    {
        assertThat(policy.follow("http://firebolt:3473/engines/a?database=x")).isEqualTo(URI.create("http://firebolt:3473/engines/a"));
    }

    @Test
    void aSessionEndpointIsCheckedOnEveryUse()
    {
        assertThat(policy.sessionEndpoint(null)).isEqualTo(URI.create("http://firebolt:3473/"));
        assertThat(policy.sessionEndpoint("http://firebolt-2:3473/x")).isEqualTo(URI.create("http://firebolt-2:3473/x"));
        assertThatThrownBy(() -> policy.sessionEndpoint("http://attacker.example:3473/"))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_SESSION_PROPERTY));
    }
}
