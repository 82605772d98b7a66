package io.queryflux.core.internal.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticationTest
{
    private static final AuthProvider STATIC = TestingAuth.create(new StaticAuthProviderFactory(), Map.of("users", Map.of(
            "alice", Map.of("passwordHash", TestingAuth.hash("alice-pw"), "groups", List.of("analysts")),
            "svc-etl", Map.of("passwordHash", TestingAuth.hash("svc-pw"))))).provider();

    @Test
    void noneTrustsTheUserNameAndAllowsAnonymousUnlessRequired()
    {
        Authentication trusting = authentication(new NoneAuthProviderFactory().create(null, null), AuthConfig.defaults());
        assertThat(trusting.authenticate(Credentials.user("bob"))).isEqualTo(Principal.of("bob"));
        assertThat(trusting.authenticate(Credentials.basic("bob", "anything"))).isEqualTo(Principal.of("bob"));
        assertThat(trusting.authenticate(Credentials.none())).isNull();
        // Nothing is verified, so there is nothing to impersonate: the Basic user name wins.
        assertThat(trusting.authenticate(Credentials.basic("bob", "x").withSessionUser("carol"))).isEqualTo(Principal.of("bob"));
        assertThat(trusting.authenticate(Credentials.bearer("t").withSessionUser("carol"))).isEqualTo(Principal.of("carol"));

        Authentication required = authentication(new NoneAuthProviderFactory().create(null, null), AuthConfig.builder("none").required(true).build());
        assertThatThrownBy(() -> required.authenticate(Credentials.none()))
                .isInstanceOfSatisfying(AccessRefused.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
                    assertThat(e.challenges()).containsExactly("Basic realm=\"QueryFlux\"");
                })
                .hasMessageContaining("Authentication required");
        assertThat(required.authenticate(Credentials.user("bob"))).isEqualTo(Principal.of("bob"));
    }

    @Test
    void aPasswordProviderRefusesTheUserNameAloneWith401AndItsChallenges()
    {
        Authentication authentication = authentication(STATIC, AuthConfig.defaults());

        assertThat(authentication.authenticate(Credentials.basic("alice", "alice-pw").withSessionUser("alice"))).isEqualTo(new Principal("alice", Set.of("analysts")));
        assertThatThrownBy(() -> authentication.authenticate(Credentials.user("alice")))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.challenges()).containsExactly("Basic realm=\"QueryFlux\""))
                .hasMessageContaining("A password is required");
        assertThatThrownBy(() -> authentication.authenticate(Credentials.basic("alice", "wrong")))
                .isInstanceOf(AccessRefused.class)
                .hasMessage("Invalid user name or password");
    }

    @Test
    void anotherSessionUserIsForbiddenUnlessAnImpersonationRuleAllowsIt()
    {
        Authentication authentication = authentication(STATIC, AuthConfig.builder("static").impersonation("svc-.*", "report-.*|alice").build());

        assertThatThrownBy(() -> authentication.authenticate(Credentials.basic("alice", "alice-pw").withSessionUser("bob")))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                .hasMessage("Access Denied: Principal alice may not act as user bob (no auth.impersonation rule allows it)");
        assertThat(authentication.authenticate(Credentials.basic("svc-etl", "svc-pw").withSessionUser("report-7"))).isEqualTo(Principal.of("report-7"));
        // The impersonated user does not inherit the principal's groups.
        assertThat(authentication.authenticate(Credentials.basic("svc-etl", "svc-pw").withSessionUser("alice"))).isEqualTo(Principal.of("alice"));
        assertThatThrownBy(() -> authentication.authenticate(Credentials.basic("svc-etl", "svc-pw").withSessionUser("admin")))
                .hasMessageContaining("may not act as user admin");
    }

    @Test
    void aFailingProviderIsAnInternalErrorThatDoesNotRepeatItsMessage()
    {
        AuthProvider broken = credentials -> {
            throw new IllegalStateException("choked on " + credentials.password());
        };
        Authentication authentication = authentication(broken, AuthConfig.defaults());

        assertThatThrownBy(() -> authentication.authenticate(Credentials.basic("alice", "p4ssw0rd")))
                .isInstanceOfSatisfying(QueryFluxException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.GENERIC_INTERNAL_ERROR))
                .hasMessage("Auth provider test failed");
    }

    private static Authentication authentication(AuthProvider provider, AuthConfig config)
    {
        return new Authentication("test", provider, new LoginGuard(LoginSettings.defaults()), config);
    }
}
