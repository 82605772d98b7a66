package io.queryflux.core.internal.auth;

import io.queryflux.core.config.AuthConfig;
import io.queryflux.spi.AccessDecision;
import io.queryflux.spi.Authorizer;
import io.queryflux.spi.ErrorCode;
import io.queryflux.spi.Principal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessControlTest
{
    private static final Map<String, GroupAccessRule> RULES = Map.of(
            "finance", new GroupAccessRule("clusterGroups.finance.authorization", true, Set.of("alice"), Set.of("accountants")),
            "open", GroupAccessRule.unrestricted("clusterGroups.open.authorization"));

    @Test
    void aGroupRuleAllowsItsUsersAndGroupMembersOnly()
    {
        AccessControl access = new AccessControl(AuthConfig.defaults(), RULES, List.of());

        assertThat(access.checkGroupAccess(Principal.of("alice"), "finance")).isEmpty();
        assertThat(access.checkGroupAccess(new Principal("dave", Set.of("accountants")), "finance")).isEmpty();
        assertThat(access.checkGroupAccess(Principal.of("bob"), "finance"))
                .contains(new AccessControl.Denial("clusterGroups.finance.authorization", "user bob is not in allowUsers and in none of allowGroups"));
        assertThat(access.checkGroupAccess(null, "finance")).get()
                .extracting(AccessControl.Denial::reason).isEqualTo("an anonymous client is not in allowUsers and in none of allowGroups");
        assertThat(access.checkGroupAccess(null, "open")).isEmpty();
    }

    @Test
    void aHostAuthorizerMustAlsoAllowAndMayMakeOperators()
    {
        Authorizer host = new Authorizer()
        {
            @Override
            public AccessDecision checkGroupAccess(Principal principal, String group)
            {
                return principal != null && principal.user().startsWith("intern") ? AccessDecision.deny("interns use the sandbox") : AccessDecision.allow();
            }

            @Override
            public boolean isOperator(Principal principal)
            {
                return principal != null && principal.user().equals("oncall");
            }
        };
        AccessControl access = new AccessControl(AuthConfig.builder("none").operatorUser("root").operatorGroup("ops").build(), RULES, List.of(host));

        assertThat(access.checkGroupAccess(Principal.of("intern-1"), "open")).get()
                .satisfies(denial -> {
                    assertThat(denial.rule()).startsWith("authorizer ");
                    assertThat(denial.reason()).isEqualTo("interns use the sandbox");
                });
        assertThat(access.checkGroupAccess(Principal.of("alice"), "open")).isEmpty();

        assertThat(access.isOperator(Principal.of("root"))).isTrue();
        assertThat(access.isOperator(new Principal("eve", Set.of("ops")))).isTrue();
        assertThat(access.isOperator(Principal.of("oncall"))).isTrue();
        assertThat(access.isOperator(Principal.of("alice"))).isFalse();
        assertThat(access.isOperator(null)).isFalse();
    }

    @Test
    void onlyTheOwnerOrAnOperatorMayActOnAQuery()
    {
        AccessControl access = new AccessControl(AuthConfig.builder("none").operatorGroup("ops").build(), Map.of(), List.of());

        QueryOwnership.check("alice", Principal.of("alice"), true, access);
        QueryOwnership.check("alice", new Principal("olga", Set.of("ops")), true, access);
        QueryOwnership.check(null, Principal.of("anyone"), true, access);
        // With provider none the name is only a claim: nothing to enforce.
        QueryOwnership.check("alice", Principal.of("bob"), false, access);
        assertThatThrownBy(() -> QueryOwnership.check("alice", Principal.of("bob"), true, access))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                .hasMessage("Access Denied: the query belongs to another user");
        assertThatThrownBy(() -> QueryOwnership.check("alice", null, true, access))
                .isInstanceOf(AccessRefused.class);
    }
}
