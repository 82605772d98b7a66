package io.queryflux.core.internal.auth;

import io.queryflux.core.QueryFlux;
import io.queryflux.core.config.AuthConfig;
import io.queryflux.core.config.ClusterGroupConfig;
import io.queryflux.core.config.ConfigLoader;
import io.queryflux.core.config.QueryFluxConfig;
import io.queryflux.core.config.TlsConfig;
import io.queryflux.core.testing.TestingBackendFactory;
import io.queryflux.spi.AuthProvider;
import io.queryflux.spi.AuthProviderContext;
import io.queryflux.spi.AuthProviderFactory;
import io.queryflux.spi.Credentials;
import io.queryflux.spi.Principal;
import io.queryflux.spi.ProviderConfig;
import io.queryflux.spi.QueryFluxException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthConfigTest
{
    private static final String GROUPS = """
            clusterGroups:
              g:
                engine: testing
                clusters: [{ name: c1 }]
                %s
            routingFallback: g
            """;

    @Test
    void readsTheAuthSectionAndTls()
    {
        QueryFluxConfig config = ConfigLoader.parse("""
                queryflux:
                  frontends:
                    trinoHttp:
                      port: 8443
                      tls: { keystorePath: /etc/qf/keystore.p12, keystorePassword: store-pass }
                auth:
                  provider: static
                  required: true
                  operators: { users: [root], groups: [ops, dba] }
                  impersonation:
                    - { user: "svc-.*", mayActAs: ".*" }
                  logins: { maxFailures: 3 }
                  users:
                    alice: { passwordHash: "%s" }
                """.formatted(TestingAuth.hash("pw")) + GROUPS.formatted(""));

        AuthConfig auth = config.auth();
        assertThat(auth.provider()).isEqualTo("static");
        assertThat(auth.required()).isTrue();
        assertThat(auth.operatorUsers()).containsExactly("root");
        assertThat(auth.operatorGroups()).containsExactly("ops", "dba");
        assertThat(auth.impersonation()).containsExactly(new AuthConfig.Impersonation("svc-.*", ".*"));
        assertThat(auth.properties()).containsOnlyKeys("logins", "users");
        assertThat(config.frontends().get("trinoHttp").tls()).isEqualTo(new TlsConfig(true, "/etc/qf/keystore.p12", "store-pass", "PKCS12"));
        assertThat(config.frontends().get("trinoHttp").properties()).isEmpty();
        assertThat(config.toString()).doesNotContain("store-pass", "pbkdf2");
    }

    @Test
    void defaultsToProviderNoneAndPlainHttp()
    {
        QueryFluxConfig config = ConfigLoader.parse(GROUPS.formatted(""));

        assertThat(config.auth()).isEqualTo(AuthConfig.defaults());
        assertThat(config.frontends().get("trinoHttp").tls().enabled()).isFalse();
    }

    @Test
    void reportsStructuralProblemsWithPaths()
    {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                queryflux:
                  frontends:
                    trinoHttp:
                      tls: { keystorePath: /k.p12, keystorPassword: oops }
                auth:
                  required: maybe
                  operators: { users: root, admins: [x] }
                  impersonation:
                    - { user: "svc-(", mayActAs: ".*" }
                    - { user: svc }
                """ + GROUPS.formatted("")))
                .isInstanceOf(QueryFluxException.class)
                .hasMessageContaining("queryflux.frontends.trinoHttp.tls.keystorPassword is not a known key")
                .hasMessageContaining("queryflux.frontends.trinoHttp.tls.keystorePassword is required when TLS is enabled")
                .hasMessageContaining("auth.required must be true or false, not 'maybe'")
                .hasMessageContaining("auth.operators.users must be a list, not 'root'")
                .hasMessageContaining("auth.operators.admins is not a known key")
                .hasMessageContaining("auth.impersonation[0].user is not a valid regular expression")
                .hasMessageContaining("auth.impersonation[1].mayActAs is required")
                .hasMessageNotContaining("oops");
    }

    @Test
    void reportsProviderAndGroupProblemsWhenBuilding()
    {
        assertThatThrownBy(() -> build("""
                auth:
                  provider: ldap
                  logins: { maxFailures: 0 }
                """ + GROUPS.formatted("authorization: { allowUser: [alice] }")))
                .isInstanceOf(QueryFluxException.class)
                .hasMessageContaining("auth.provider 'ldap' is not a known AuthProviderFactory (available: none, static, jwt)")
                .hasMessageContaining("auth.logins.maxFailures must be > 0")
                .hasMessageContaining("clusterGroups.g.authorization must list allowUsers or allowGroups")
                .hasMessageContaining("clusterGroups.g.authorization.allowUser is not a known key");

        assertThatThrownBy(() -> build("""
                auth:
                  provider: static
                  users:
                    alice: { passwordHash: "hunter2-plain" }
                """ + GROUPS.formatted("")))
                .hasMessageContaining("auth.users.alice.passwordHash must be a hash of the form")
                .hasMessageNotContaining("hunter2");

        assertThatThrownBy(() -> build("""
                auth:
                  secret: not-for-none
                """ + GROUPS.formatted("")))
                .hasMessageContaining("auth.secret is not a known key")
                .hasMessageNotContaining("not-for-none");
    }

    @Test
    void buildsWithACustomProviderAndTheBuilderApi()
    {
        QueryFluxConfig config = QueryFluxConfig.builder()
                .clusterGroup(ClusterGroupConfig.builder("g", TestingBackendFactory.NAME).cluster("c1", Map.of()).build())
                .routingFallback("g")
                .auth(AuthConfig.builder("custom").operatorUser("root").property("realm", "corp").build())
                .build();
        AuthProviderFactory custom = new AuthProviderFactory()
        {
            @Override
            public String name()
            {
                return "custom";
            }

            @Override
            public AuthProvider create(ProviderConfig entry, AuthProviderContext context)
            {
                String realm = entry.requiredString("realm");
                return credentials -> new Principal(credentials.user() + "@" + realm, Set.of());
            }
        };

        try (QueryFlux queryFlux = QueryFlux.builder().config(config).backendFactory(new TestingBackendFactory()).authProviderFactory(custom).build()) {
            assertThat(queryFlux.engine().authenticate(Credentials.user("bob"))).isEqualTo("bob@corp");
        }
        assertThat(config.auth().toString()).doesNotContain("corp");
    }

    private static void build(String yaml)
    {
        try (QueryFlux ignored = QueryFlux.builder().config(ConfigLoader.parse(yaml)).backendFactory(new TestingBackendFactory()).build()) {
            // built: no problem found
        }
    }
}
